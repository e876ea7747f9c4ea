package io.statectl.shell.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A request's cancellation: set from another thread (the server, when the client forwards Ctrl-C
 * or disconnects), checked by the engine between steps. Steps before the commit point stop at the
 * next check; activation, once begun, runs to its end so that the previous generation stays
 * active or the new one becomes active, never half of each. Thread-safe.
 *
 * <p>{@code STATECTL_PAUSE_BEFORE=<step>} makes the request wait before that step until it is
 * cancelled (at most ten minutes): a fault-injection point for tests of Ctrl-C and of a server
 * killed mid-apply. Steps: {@code snapshot}, {@code build}, {@code record}, {@code activate}.
 */
public final class Cancellation {
  private static final Duration MAX_PAUSE = Duration.ofMinutes(10);
  private final Optional<String> pauseBefore;
  private volatile boolean requested;

  private Cancellation(Optional<String> pauseBefore) {
    this.pauseBefore = pauseBefore;
  }

  /** A request that is never cancelled, pausing nowhere. */
  public static Cancellation never() {
    return new Cancellation(Optional.empty());
  }

  /** A cancellable request, pausing where {@code env}'s {@code STATECTL_PAUSE_BEFORE} says. */
  public static Cancellation forRequest(Map<String, String> env) {
    return new Cancellation(Optional.ofNullable(env.get("STATECTL_PAUSE_BEFORE")).filter(s -> !s.isEmpty()));
  }

  public void cancel() {
    requested = true;
  }

  public boolean requested() {
    return requested;
  }

  /** Throws {@link CancelledException} if cancellation was requested; called between steps. */
  public void check(String nextStep) {
    if (requested) {
      throw new CancelledException(nextStep);
    }
  }

  /** A point between steps: pauses here if asked to (see the class comment), then {@link #check}s. */
  public void checkpoint(String nextStep, Output out) {
    if (pauseBefore.filter(nextStep::equals).isPresent()) {
      out.message("paused before " + nextStep + " (STATECTL_PAUSE_BEFORE); Ctrl-C cancels");
      long deadline = System.nanoTime() + MAX_PAUSE.toNanos();
      while (!requested && System.nanoTime() < deadline) {
        sleep(20);
      }
    }
    check(nextStep);
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    }
  }
}
