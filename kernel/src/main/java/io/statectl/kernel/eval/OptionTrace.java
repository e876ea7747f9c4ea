package io.statectl.kernel.eval;

import java.util.List;
import java.util.Objects;

/**
 * Every definition that was offered for one option, and the priority that won: what
 * {@code statectl eval} prints under the merged value.
 */
public record OptionTrace(String path, List<Definition> definitions, Priority winning) {
  public OptionTrace {
    Objects.requireNonNull(path, "path");
    definitions = List.copyOf(definitions);
    Objects.requireNonNull(winning, "winning");
  }

  /** Whether {@code d} took part in the merged value (it has the winning priority). */
  public boolean used(Definition d) {
    return d.priority() == winning;
  }
}
