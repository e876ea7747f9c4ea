package io.statectl.kernel.eval;

import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All declared options as one tree: every module's namespace declaration placed at its (possibly
 * dotted) namespace path, under a root submodule.
 */
public final class OptionSchema {
  private final OptionType.Submodule root;
  private final Map<String, String> declaredBy;

  private OptionSchema(OptionType.Submodule root, Map<String, String> declaredBy) {
    this.root = root;
    this.declaredBy = declaredBy;
  }

  public static OptionSchema of(List<LoadedModule> modules) {
    Node top = new Node();
    Map<String, String> declaredBy = new LinkedHashMap<>();
    for (LoadedModule m : modules) {
      List<String> keys = OptionPaths.parse(m.module().namespace())
          .orElseThrow(() -> new IllegalArgumentException("module " + m.provenance() + " has a malformed namespace '"
              + m.module().namespace() + "'"));
      Node n = top;
      for (String k : keys.subList(0, keys.size() - 1)) {
        n = n.children.computeIfAbsent(k, x -> new Node());
      }
      n.leaves.put(keys.get(keys.size() - 1), m.module().options());
      declaredBy.put(m.module().namespace(), m.provenance());
    }
    return new OptionSchema(top.build(), declaredBy);
  }

  public OptionType.Submodule root() {
    return root;
  }

  /** Namespace → {@code plugin@version} (or {@code core}) that declared it. */
  public Map<String, String> declaredBy() {
    return declaredBy;
  }

  /** Every option, depth first, in declaration order; attrs entries appear as {@code <name>}. */
  public List<DeclaredOption> flatten() {
    List<DeclaredOption> out = new ArrayList<>();
    walk("", root, "core", out);
    return out;
  }

  private void walk(String path, OptionType type, String module, List<DeclaredOption> out) {
    if (type instanceof OptionType.Submodule s) {
      for (Map.Entry<String, OptionDecl> e : s.options().entrySet()) {
        String p = OptionPaths.child(path, e.getKey());
        String owner = declaredBy.getOrDefault(OptionPaths.join(OptionPaths.parse(p).orElse(java.util.List.of(p))), module);
        out.add(new DeclaredOption(p, e.getValue(), owner));
        walk(p, e.getValue().type(), owner, out);
      }
    } else if (type instanceof OptionType.AttrsOf a) {
      walk(path + ".<name>", a.element(), module, out);
    } else if (type instanceof OptionType.ListOf l) {
      walk(path + ".*", l.element(), module, out);
    }
  }

  /** Mutable while the schema is assembled. */
  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();
    final Map<String, OptionDecl> leaves = new LinkedHashMap<>();

    OptionType.Submodule build() {
      Map<String, OptionDecl> opts = new LinkedHashMap<>(leaves);
      children.forEach((k, n) -> opts.put(k, OptionDecl.of(n.build(), "options of " + k)));
      return new OptionType.Submodule(opts);
    }
  }
}
