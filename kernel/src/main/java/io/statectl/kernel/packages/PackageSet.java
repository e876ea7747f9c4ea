package io.statectl.kernel.packages;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.kernel.config.RepositoryPaths;
import io.statectl.kernel.eval.EvaluatedValues;
import io.statectl.kernel.store.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The packages of an evaluated configuration, by name; immutable. */
public final class PackageSet {
  private final SortedMap<String, PackageSpec> packages;

  private PackageSet(SortedMap<String, PackageSpec> packages) {
    this.packages = Collections.unmodifiableSortedMap(packages);
  }

  /** Reads {@code packages.*} of a merged, checked configuration (empty when there is none). */
  public static PackageSet of(ConfigTable config) {
    SortedMap<String, PackageSpec> specs = new TreeMap<>();
    Optional<ConfigValue> all = EvaluatedValues.at(config, List.of("packages"));
    if (all.isPresent() && all.get() instanceof ConfigTable t) {
      t.entries().forEach((name, v) -> specs.put(name, spec(name, (ConfigTable) v)));
    }
    return new PackageSet(specs);
  }

  public SortedMap<String, PackageSpec> all() {
    return packages;
  }

  public Optional<PackageSpec> get(String name) {
    return Optional.ofNullable(packages.get(name));
  }

  /** Names listed by {@code system.packages}, in order. */
  public static List<String> systemPackages(ConfigTable config) {
    return strings(EvaluatedValues.at(config, List.of("system", "packages")));
  }

  private static PackageSpec spec(String name, ConfigTable t) {
    Map<String, ConfigValue> e = t.entries();
    Optional<PackageSpec.Source> src = Optional.empty();
    if (e.get("src") instanceof ConfigString s) {
      SourceLocation at = s.location();
      String from = at.file().startsWith("(") ? "" : at.file();
      src = Optional.of(new PackageSpec.Local(RepositoryPaths.resolve(from, s.value()).orElse(s.value()), at));
    } else if (e.get("url") instanceof ConfigString u && e.get("sha256") instanceof ConfigString h) {
      String hex = h.value().startsWith("sha256:") ? h.value().substring(7) : h.value();
      src = Optional.of(new PackageSpec.Url(u.value(), Hash.parse("sha256:" + hex)));
    }
    return new PackageSpec(name, text(e.get("version"), ""), src, strings(Optional.ofNullable(e.get("patches"))),
        strings(Optional.ofNullable(e.get("buildInputs"))), text(e.get("build"), "cp -R . \"$out\""),
        strings(Optional.ofNullable(e.get("platforms"))), t.location());
  }

  private static String text(ConfigValue v, String otherwise) {
    return v instanceof ConfigString s ? s.value() : otherwise;
  }

  private static List<String> strings(Optional<ConfigValue> v) {
    List<String> out = new ArrayList<>();
    if (v.isPresent() && v.get() instanceof ConfigList l) {
      l.items().forEach(i -> out.add(((ConfigString) i).value()));
    }
    return out;
  }

  /** A cycle of buildInputs among the packages of {@code all}, as the names along it. */
  static Optional<List<String>> cycle(ConfigTable all) {
    Map<String, List<String>> edges = new HashMap<>();
    all.entries().forEach((name, v) -> edges.put(name, v instanceof ConfigTable t
        ? strings(Optional.ofNullable(t.entries().get("buildInputs"))) : List.of()));
    Map<String, Integer> state = new HashMap<>();
    for (String start : new TreeMap<>(edges).keySet()) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> c = visit(start, edges, state, path);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> visit(String n, Map<String, List<String>> edges, Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(n);
    if (s != null && s == 2) {
      return Optional.empty();
    }
    if (s != null && s == 1) {
      List<String> c = new ArrayList<>(path.subList(path.indexOf(n), path.size()));
      c.add(n);
      return Optional.of(c);
    }
    if (!edges.containsKey(n)) {
      return Optional.empty();
    }
    state.put(n, 1);
    path.add(n);
    for (String m : edges.get(n)) {
      Optional<List<String>> c = visit(m, edges, state, path);
      if (c.isPresent()) {
        return c;
      }
    }
    path.remove(path.size() - 1);
    state.put(n, 2);
    return Optional.empty();
  }
}
