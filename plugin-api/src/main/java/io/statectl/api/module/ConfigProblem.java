package io.statectl.api.module;

import io.statectl.api.SourceLocation;
import java.util.Objects;

/**
 * A problem in the user's configuration: what is wrong, where, and what to do about it.
 *
 * @since 0.1
 */
public record ConfigProblem(SourceLocation location, String message, String hint) {
  public ConfigProblem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  @Override
  public String toString() {
    return location + ": " + message + (hint.isEmpty() ? "" : "\n  hint: " + hint);
  }
}
