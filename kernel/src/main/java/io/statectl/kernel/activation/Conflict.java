package io.statectl.kernel.activation;

import java.nio.file.Path;
import java.util.Objects;

/** A live path activation may not change: something statectl does not own is in the way. */
public record Conflict(Path live, String reason) {
  public Conflict {
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(reason, "reason");
  }
}
