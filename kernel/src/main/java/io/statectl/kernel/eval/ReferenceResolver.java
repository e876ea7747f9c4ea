package io.statectl.kernel.eval;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code ${option.path}} in string values after merging. Each string is resolved once,
 * on demand (a reference resolves its target first); a cycle is reported with its whole chain.
 * {@code $${} writes a literal {@code ${}.
 */
final class ReferenceResolver {
  private final ConfigTable root;
  private final List<ConfigProblem> problems;
  private final Collection<String> knownPaths;
  private final Map<String, String> resolved = new HashMap<>();
  private final LinkedHashSet<String> inProgress = new LinkedHashSet<>();

  ReferenceResolver(ConfigTable root, List<ConfigProblem> problems, Collection<String> knownPaths) {
    this.root = root;
    this.problems = problems;
    this.knownPaths = knownPaths;
  }

  ConfigTable resolveAll() {
    return (ConfigTable) walk("", root);
  }

  /** Returns {@code v} itself when nothing inside it holds a reference (the common case). */
  private ConfigValue walk(String path, ConfigValue v) {
    if (v instanceof ConfigTable t) {
      Map<String, ConfigValue> out = null;
      for (Map.Entry<String, ConfigValue> e : t.entries().entrySet()) {
        ConfigValue x = e.getValue();
        ConfigValue r = mayHoldReference(x) ? walk(OptionPaths.child(path, e.getKey()), x) : x;
        if (r != x && out == null) {
          out = new LinkedHashMap<>(t.entries());
        }
        if (out != null) {
          out.put(e.getKey(), r);
        }
      }
      return out == null ? t : new ConfigTable(out, t.location());
    } else if (v instanceof ConfigList l) {
      List<ConfigValue> out = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < l.items().size(); i++) {
        ConfigValue x = l.items().get(i);
        ConfigValue r = mayHoldReference(x) ? walk(path + "[" + i + "]", x) : x;
        changed |= r != x;
        out.add(r);
      }
      return changed ? new ConfigList(out, l.location()) : l;
    } else if (v instanceof ConfigString s && s.value().contains("${")) {
      return new ConfigString(resolve(path, s), s.location());
    }
    return v;
  }

  private static boolean mayHoldReference(ConfigValue v) {
    return !(v instanceof ConfigString s) || s.value().contains("${");
  }

  private String resolve(String path, ConfigString s) {
    String done = resolved.get(path);
    if (done != null) {
      return done;
    }
    inProgress.add(path);
    StringBuilder out = new StringBuilder();
    String text = s.value();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i);
        if (end < 0) {
          problems.add(new ConfigProblem(s.location(), path + ": unterminated reference in \"" + text + "\"",
              "close it with }, or write $${ for a literal ${"));
          break;
        }
        String ref = text.substring(i + 2, end).trim();
        out.append(reference(path, s, ref));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    inProgress.remove(path);
    String result = out.toString();
    resolved.put(path, result);
    return result;
  }

  private String reference(String from, ConfigString s, String ref) {
    Optional<List<String>> keys = OptionPaths.parse(ref);
    if (keys.isEmpty()) {
      problems.add(new ConfigProblem(s.location(), from + ": malformed reference ${" + ref + "}",
          "write ${some.option.path}; quote keys with dots: ${files.\".gitconfig\".source}"));
      return "";
    }
    String target = OptionPaths.join(keys.get());
    if (inProgress.contains(target)) {
      List<String> chain = new ArrayList<>();
      boolean in = false;
      for (String p : inProgress) {
        in |= p.equals(target);
        if (in) {
          chain.add(p);
        }
      }
      chain.add(target);
      problems.add(new ConfigProblem(s.location(), "reference cycle: " + String.join(" -> ", chain),
          "break the cycle: one of these options must hold a plain value"));
      return "";
    }
    // A secret's path is not a value of the merged tree when defaulted, and its content is never one.
    var secret = io.statectl.kernel.secrets.SecretReferences.resolve(root, keys.get(), from);
    if (secret instanceof io.statectl.kernel.secrets.SecretReferences.Answer.Path p) {
      return p.value();
    } else if (secret instanceof io.statectl.kernel.secrets.SecretReferences.Answer.Refused r) {
      problems.add(new ConfigProblem(s.location(), r.message(), r.hint()));
      return "";
    }
    Optional<ConfigValue> value = EvaluatedValues.at(root, keys.get());
    if (value.isEmpty()) {
      problems.add(new ConfigProblem(s.location(), from + ": reference to unknown option ${" + target + "}",
          Suggestions.closest(target, knownPaths).map(x -> "did you mean ${" + x + "}?")
              .orElse("`statectl options` lists the options; a reference needs one that has a value")));
      return "";
    }
    ConfigValue v = value.get();
    if (v instanceof ConfigString str) {
      return str.value().contains("${") ? resolve(target, str) : str.value();
    } else if (v instanceof ConfigInt n) {
      return Long.toString(n.value());
    } else if (v instanceof ConfigBool b) {
      return Boolean.toString(b.value());
    } else if (v instanceof ConfigFloat f) {
      return Double.toString(f.value());
    }
    problems.add(new ConfigProblem(s.location(), from + ": ${" + target + "} is " + v.typeName()
        + ", not a single value", "refer to one of its entries instead"));
    return "";
  }

}
