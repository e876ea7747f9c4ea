package io.statectl.kernel.eval;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges definitions of one value from several files, in merge order: tables merge key by key,
 * lists concatenate, and scalars must agree — otherwise every conflicting definition is named.
 * This is the untyped core that typed options (priorities, custom merges) build upon.
 */
public final class ConfigMerger {

  /** Merges {@code later} into {@code earlier}; problems are appended to {@code problems}. */
  public ConfigValue merge(String path, ConfigValue earlier, ConfigValue later, List<ConfigProblem> problems) {
    if (earlier instanceof ConfigTable a && later instanceof ConfigTable b) {
      Map<String, ConfigValue> merged = new LinkedHashMap<>(a.entries());
      for (Map.Entry<String, ConfigValue> e : b.entries().entrySet()) {
        ConfigValue prior = merged.get(e.getKey());
        merged.put(e.getKey(), prior == null ? e.getValue()
            : merge(path + "." + quote(e.getKey()), prior, e.getValue(), problems));
      }
      return new ConfigTable(merged, a.location());
    }
    if (earlier instanceof ConfigList a && later instanceof ConfigList b) {
      List<ConfigValue> items = new ArrayList<>(a.items());
      items.addAll(b.items());
      return new ConfigList(items, a.location());
    }
    if (sameScalar(earlier, later)) {
      return earlier;
    }
    problems.add(new ConfigProblem(later.location(),
        "conflicting definitions of " + path + ": " + render(later) + " here, "
            + render(earlier) + " at " + earlier.location(),
        "define " + path + " in one file only, or make the definitions agree"));
    return earlier;
  }

  private static boolean sameScalar(ConfigValue a, ConfigValue b) {
    if (a instanceof ConfigString x && b instanceof ConfigString y) {
      return x.value().equals(y.value());
    }
    if (a instanceof ConfigBool x && b instanceof ConfigBool y) {
      return x.value() == y.value();
    }
    if (a instanceof ConfigInt x && b instanceof ConfigInt y) {
      return x.value() == y.value();
    }
    if (a instanceof ConfigFloat x && b instanceof ConfigFloat y) {
      return Double.compare(x.value(), y.value()) == 0;
    }
    return false;
  }

  static String render(ConfigValue v) {
    // Java 17 has no pattern switch; the sealed hierarchy keeps this chain complete.
    if (v instanceof ConfigString s) {
      return "\"" + s.value() + "\"";
    } else if (v instanceof ConfigBool b) {
      return Boolean.toString(b.value());
    } else if (v instanceof ConfigInt i) {
      return Long.toString(i.value());
    } else if (v instanceof ConfigFloat f) {
      return Double.toString(f.value());
    } else if (v instanceof ConfigList) {
      return "a list";
    }
    return "a table";
  }

  /** Renders an option path segment the way TOML would need it written. */
  public static String quote(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
  }
}
