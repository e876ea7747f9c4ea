package io.statectl.shell.engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures start-up and command phases (JVM, PF4J, LMDB open, Axon start, …) for
 * {@code STATECTL_TIMINGS=1}, which prints them on stderr after the command.
 */
public final class PhaseTimer {
  private final List<String> phases = new ArrayList<>();
  private final boolean enabled;

  public PhaseTimer(boolean enabled) {
    this.enabled = enabled;
    if (enabled) {
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      phases.add(String.format("%-24s %6d ms", "jvm start to main", System.currentTimeMillis() - jvmStart));
    }
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
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    out.message("timings:");
    synchronized (phases) {
      phases.forEach(p -> out.message("  " + p));
    }
    out.message(String.format("  %-24s %6d ms", "total since jvm start", System.currentTimeMillis() - jvmStart));
  }
}
