package io.statectl.shell.engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures start-up and command phases (JVM, PF4J, LMDB open, Axon start, …) for
 * {@code STATECTL_TIMINGS=1}, which prints them on stderr after the command. In a CLI process the
 * clock starts with the JVM; in the resident server, when the request arrived.
 */
public final class PhaseTimer {
  private final List<String> phases = new ArrayList<>();
  private final boolean enabled;
  private final long originMillis;
  private final String originLabel;

  public PhaseTimer(boolean enabled) {
    this(enabled, enabled ? ManagementFactory.getRuntimeMXBean().getStartTime() : 0, "jvm start");
    if (enabled) {
      phases.add(String.format("%-24s %6d ms", "jvm start to main", System.currentTimeMillis() - originMillis));
    }
  }

  private PhaseTimer(boolean enabled, long originMillis, String originLabel) {
    this.enabled = enabled;
    this.originMillis = originMillis;
    this.originLabel = originLabel;
  }

  /** A timer for a request the server received at {@code receivedMillis} (epoch ms). */
  public static PhaseTimer sinceRequest(boolean enabled, long receivedMillis) {
    PhaseTimer t = new PhaseTimer(enabled, receivedMillis, "request received");
    if (enabled) {
      t.phases.add(String.format("%-24s %6d ms", "server: to command", System.currentTimeMillis() - receivedMillis));
    }
    return t;
  }

  public <T> T time(String phase, Supplier<T> work) {
    if (!enabled) {
      return work.get();
    }
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      synchronized (phases) {
        phases.add(String.format("%-24s %6d ms", phase, (System.nanoTime() - t0) / 1_000_000));
      }
    }
  }

  public void report(Output out) {
    if (!enabled) {
      return;
    }
    out.message("timings:");
    synchronized (phases) {
      phases.forEach(p -> out.message("  " + p));
    }
    out.message(String.format("  %-24s %6d ms", "total since " + originLabel, System.currentTimeMillis() - originMillis));
  }
}
