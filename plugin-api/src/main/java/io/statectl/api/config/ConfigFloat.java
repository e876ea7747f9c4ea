package io.statectl.api.config;

import io.statectl.api.SourceLocation;
import java.util.Objects;

/** @since 0.1 */
public record ConfigFloat(double value, SourceLocation location) implements ConfigValue {
  public ConfigFloat {
    Objects.requireNonNull(location, "location");
  }

  @Override
  public String typeName() {
    return "float";
  }
}
