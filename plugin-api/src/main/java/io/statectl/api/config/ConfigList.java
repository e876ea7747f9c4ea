package io.statectl.api.config;

import io.statectl.api.SourceLocation;
import java.util.List;
import java.util.Objects;

/** @since 0.1 */
public record ConfigList(List<ConfigValue> items, SourceLocation location) implements ConfigValue {
  public ConfigList {
    items = List.copyOf(items);
    Objects.requireNonNull(location, "location");
  }

  @Override
  public String typeName() {
    return "list";
  }
}
