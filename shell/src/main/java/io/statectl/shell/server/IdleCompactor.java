package io.statectl.shell.server;

import java.time.Duration;

/**
 * Gives memory back once the server has been idle for a few seconds: one full collection per idle
 * period. The launcher starts the server with a small initial heap and a low
 * {@code MaxHeapFreeRatio}, so with the serial collector a full collection shrinks the heap to
 * about the live set and returns the rest to the OS; {@code TrimNativeHeapInterval} returns what
 * the compilers freed. Without this a server that applied 10,000 files would keep that peak heap
 * until it exits: the serial collector shrinks only on a full collection, which an idle JVM never
 * runs by itself.
 */
final class IdleCompactor {
  static final Duration AFTER = Duration.ofSeconds(5);
  private long compactedFor = Long.MIN_VALUE;

  /**
   * Called by the watchdog; collects when nothing runs and nothing has since {@link #AFTER}, once
   * for each period of activity that ended at {@code lastActivity} (a {@link System#nanoTime}).
   */
  boolean tick(boolean running, long lastActivity, long now) {
    if (running || lastActivity == compactedFor || now - lastActivity < AFTER.toNanos()) {
      return false;
    }
    compactedFor = lastActivity;
    System.gc();
    return true;
  }
}
