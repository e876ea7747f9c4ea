package io.statectl.api.config;

import io.statectl.api.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of named values in definition order. Each entry's value carries the location of its
 * key, which is where a user looks for the definition.
 *
 * @since 0.1
 */
public record ConfigTable(Map<String, ConfigValue> entries, SourceLocation location)
    implements ConfigValue {
  public ConfigTable {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    Objects.requireNonNull(location, "location");
  }

  public Optional<ConfigValue> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public String typeName() {
    return "table";
  }
}
