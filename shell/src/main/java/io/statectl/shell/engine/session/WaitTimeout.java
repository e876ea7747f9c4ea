package io.statectl.shell.engine.session;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a command that changes the state directory waits for another statectl to finish:
 * forever (the default, as apt and nix do), or at most {@code limit} ({@code 0}: do not wait).
 */
public record WaitTimeout(Optional<Duration> limit) {
  public static final WaitTimeout FOREVER = new WaitTimeout(Optional.empty());

  public WaitTimeout {
    if (limit.isPresent() && limit.get().isNegative()) {
      throw new IllegalArgumentException("a wait timeout cannot be negative: " + limit.get());
    }
  }

  public static WaitTimeout atMost(Duration limit) {
    return new WaitTimeout(Optional.of(limit));
  }
}
