package io.statectl.api.config;

import io.statectl.api.SourceLocation;
import java.util.Objects;

/** @since 0.1 */
public record ConfigInt(long value, SourceLocation location) implements ConfigValue {
  public ConfigInt {
    Objects.requireNonNull(location, "location");
  }

  @Override
  public String typeName() {
    return "int";
  }
}
