package io.statectl.kernel.eval;

import io.statectl.api.config.ConfigValue;
import java.util.Objects;

/** One definition of a value, with the priority it was written at. */
public record Definition(ConfigValue value, Priority priority) {
  public Definition {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(priority, "priority");
  }
}
