package io.statectl.api.config;

import io.statectl.api.SourceLocation;
import java.util.Objects;

/** @since 0.1 */
public record ConfigString(String value, SourceLocation location) implements ConfigValue {
  public ConfigString {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(location, "location");
  }

  @Override
  public String typeName() {
    return "string";
  }
}
