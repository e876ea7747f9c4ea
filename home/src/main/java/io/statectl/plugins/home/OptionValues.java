package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.option.Defaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of an evaluated submodule value. The kernel has already checked every value against
 * the declared type, so a getter that finds another shape treats it as absent rather than failing.
 */
record OptionValues(ConfigTable table) {

  static OptionValues of(Optional<ConfigValue> value) {
    return new OptionValues(value.filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast)
        .orElse(new ConfigTable(Map.of(), Defaults.LOCATION)));
  }

  Optional<ConfigValue> value(String key) {
    return table.get(key);
  }

  Optional<String> string(String key) {
    return table.get(key).filter(ConfigString.class::isInstance).map(v -> ((ConfigString) v).value());
  }

  String string(String key, String otherwise) {
    return string(key).orElse(otherwise);
  }

  Optional<Boolean> bool(String key) {
    return table.get(key).filter(ConfigBool.class::isInstance).map(v -> ((ConfigBool) v).value());
  }

  Optional<Long> integer(String key) {
    return table.get(key).filter(ConfigInt.class::isInstance).map(v -> ((ConfigInt) v).value());
  }

  ConfigTable table(String key) {
    return table.get(key).filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast)
        .orElse(new ConfigTable(Map.of(), table.location()));
  }

  List<ConfigValue> list(String key) {
    return table.get(key).filter(ConfigList.class::isInstance).map(v -> ((ConfigList) v).items()).orElse(List.of());
  }

  /** Where {@code key} was defined, or where the whole table was when it is unset. */
  SourceLocation location(String key) {
    return table.get(key).map(ConfigValue::location).orElse(table.location());
  }

  /** Whether the configuration (not only a declared default) defines {@code key}. */
  boolean definedByUser(String key) {
    return table.get(key).map(v -> !v.location().equals(Defaults.LOCATION)).orElse(false);
  }
}
