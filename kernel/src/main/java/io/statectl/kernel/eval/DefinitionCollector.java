package io.statectl.kernel.eval;

import io.statectl.api.Platform;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.Suggestions;
import io.statectl.kernel.config.ConfigDocument;
import io.statectl.kernel.config.ConfigLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns parsed files into root-level definitions: plain content at normal priority, content of
 * {@code [defaults.…]} and {@code [force.…]} at their priorities, and {@code [when.…]} content
 * only where its condition holds. Each file yields its definitions in file order; files come in
 * merge order (imports first).
 */
final class DefinitionCollector {
  static final String WHEN = "when";
  static final String DEFAULTS = "defaults";
  static final String FORCE = "force";

  private final List<ConfigProblem> problems;
  private final List<Definition> shadow = new ArrayList<>();

  DefinitionCollector(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  /**
   * Definitions inside conditions that do not hold here: not merged, but still type-checked, so a
   * typo in {@code [when.darwin]} is found when checking on Linux.
   */
  List<Definition> shadow() {
    return shadow;
  }

  /** Root definitions of every document, for the given conditions. */
  List<Definition> collect(List<ConfigDocument> documents, Conditions conditions) {
    List<Definition> out = new ArrayList<>();
    for (ConfigDocument doc : documents) {
      expand(doc.root(), Priority.NORMAL, Optional.of(conditions), true, out);
    }
    return out;
  }

  /** Root definitions ignoring every {@code when} section (used to learn the platform). */
  static List<Definition> unconditional(List<ConfigDocument> documents) {
    List<Definition> out = new ArrayList<>();
    DefinitionCollector quiet = new DefinitionCollector(new ArrayList<>());
    for (ConfigDocument doc : documents) {
      quiet.expand(doc.root(), Priority.NORMAL, Optional.empty(), true, out);
    }
    return out;
  }

  private void expand(ConfigTable table, Priority priority, Optional<Conditions> conditions, boolean root,
      List<Definition> out) {
    Map<String, ConfigValue> plain = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : table.entries().entrySet()) {
      String key = e.getKey();
      ConfigValue v = e.getValue();
      if (key.equals(ConfigLoader.IMPORTS)) {
        if (!root) {
          problems.add(new ConfigProblem(v.location(), "imports may only appear at the top of a file",
              "move it to the top level of the file, outside [when], [defaults] and [force]"));
        }
      } else if (key.equals(WHEN)) {
        flush(plain, table, priority, out);
        when(v, priority, conditions, out);
      } else if (key.equals(DEFAULTS) || key.equals(FORCE)) {
        flush(plain, table, priority, out);
        Priority p = key.equals(FORCE) ? Priority.FORCE : Priority.DEFAULT;
        if (priority != Priority.NORMAL) {
          problems.add(new ConfigProblem(v.location(), "[" + key + "] inside [" + priority.label() + "] is ambiguous",
              "use one of [defaults] or [force] for a definition, not both"));
        } else if (v instanceof ConfigTable t) {
          expand(t, p, conditions, false, out);
        } else {
          problems.add(new ConfigProblem(v.location(), key + " must be a table of options, got " + v.typeName(),
              "write [" + key + ".system] then the options to " + (p == Priority.FORCE ? "force" : "default")));
        }
      } else {
        plain.put(key, v);
      }
    }
    flush(plain, table, priority, out);
  }

  private static void flush(Map<String, ConfigValue> plain, ConfigTable from, Priority priority, List<Definition> out) {
    if (!plain.isEmpty()) {
      out.add(new Definition(new ConfigTable(plain, from.location()), priority));
      plain.clear();
    }
  }

  private void when(ConfigValue v, Priority priority, Optional<Conditions> conditions, List<Definition> out) {
    if (!(v instanceof ConfigTable t)) {
      problems.add(new ConfigProblem(v.location(), "when must be a table of conditions, got " + v.typeName(),
          "write [when.linux] or [when.host.laptop] sections"));
      return;
    }
    for (Map.Entry<String, ConfigValue> c : t.entries().entrySet()) {
      String name = c.getKey();
      ConfigValue body = c.getValue();
      switch (name) {
        case "linux", "darwin" -> {
          if (requireTable(name, body)) {
            boolean holds = conditions.map(k -> name.equals("linux") ? k.platform().isLinux() : k.platform().isDarwin())
                .orElse(false);
            expandIf(holds, (ConfigTable) body, priority, conditions, out);
          }
        }
        case "platform", "host" -> {
          if (requireTable(name, body)) {
            for (Map.Entry<String, ConfigValue> sub : ((ConfigTable) body).entries().entrySet()) {
              if (name.equals("platform") && Platform.parse(sub.getKey()).isEmpty()) {
                problems.add(new ConfigProblem(sub.getValue().location(), "unknown platform '" + sub.getKey() + "'",
                    Suggestions.closest(sub.getKey(), Platform.ids()).map(s -> "did you mean '" + s + "'?")
                        .orElse("platforms are: " + String.join(", ", Platform.ids()))));
                continue;
              }
              if (!requireTable(name + "." + sub.getKey(), sub.getValue())) {
                continue;
              }
              boolean holds = conditions.map(k -> name.equals("host") ? k.host().equals(sub.getKey())
                  : k.platform().id().equals(sub.getKey())).orElse(false);
              expandIf(holds, (ConfigTable) sub.getValue(), priority, conditions, out);
            }
          }
        }
        default -> problems.add(new ConfigProblem(body.location(), "unknown condition 'when." + name + "'",
            Suggestions.closest(name, Conditions.NAMES).map(s -> "did you mean 'when." + s + "'?")
                .orElse("conditions are: when.linux, when.darwin, when.platform.<id>, when.host.<name>")));
      }
    }
  }

  /** Expands a condition's body when it holds; when it does not, still checks its structure. */
  private void expandIf(boolean holds, ConfigTable body, Priority priority, Optional<Conditions> conditions,
      List<Definition> out) {
    if (holds) {
      expand(body, priority, conditions, false, out);
    } else if (conditions.isPresent()) {
      expand(body, priority, conditions, false, shadow);
    }
  }

  private boolean requireTable(String name, ConfigValue v) {
    if (v instanceof ConfigTable) {
      return true;
    }
    problems.add(new ConfigProblem(v.location(), "when." + name + " must be a table, got " + v.typeName(),
        "write [when." + name + "] followed by the options that apply"));
    return false;
  }
}
