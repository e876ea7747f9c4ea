package io.statectl.plugins.services;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the type-checked values the kernel hands a module. Absent keys read as their declared
 * default, so a value built by hand (as in tests) needs only the keys it sets.
 */
final class Values {
  private Values() {}

  static Optional<String> string(ConfigTable t, String key) {
    return t.get(key).filter(ConfigString.class::isInstance).map(v -> ((ConfigString) v).value());
  }

  static boolean bool(ConfigTable t, String key, boolean absent) {
    return t.get(key).filter(ConfigBool.class::isInstance).map(v -> ((ConfigBool) v).value()).orElse(absent);
  }

  static List<String> strings(ConfigTable t, String key) {
    return t.get(key).filter(ConfigList.class::isInstance)
        .map(v -> ((ConfigList) v).items().stream().filter(ConfigString.class::isInstance)
            .map(i -> ((ConfigString) i).value()).toList())
        .orElse(List.of());
  }

  static Optional<List<String>> stringsIfSet(ConfigTable t, String key) {
    return t.get(key).filter(ConfigList.class::isInstance).map(v -> strings(t, key));
  }

  static Optional<ConfigTable> table(ConfigTable t, String key) {
    return t.get(key).filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast);
  }

  static Map<String, String> stringTable(ConfigTable t, String key) {
    Map<String, String> m = new LinkedHashMap<>();
    table(t, key).ifPresent(env -> env.entries().forEach((k, v) -> {
      if (v instanceof ConfigString s) {
        m.put(k, s.value());
      }
    }));
    return m;
  }

  /** The location a problem about {@code key} points at: the key's own, else the table's. */
  static io.statectl.api.SourceLocation at(ConfigTable t, String key) {
    return t.get(key).map(ConfigValue::location).orElse(t.location());
  }
}
