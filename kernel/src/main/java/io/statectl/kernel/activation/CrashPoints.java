package io.statectl.kernel.activation;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook for the crash harness ({@code CrashHarnessTest}): with the environment variable
 * {@value #ENV} set to {@code K}, the process halts ({@link Runtime#halt}, no shutdown hooks, no
 * finally blocks: as a SIGKILL would) when it reaches the K-th crash point of an activation (1 is
 * right after the journal is written; then one after each backup is sealed, one after each backup
 * is recorded, one after each plan step). With {@value #COUNT_ENV} set to a file, the number of
 * points reached is written there when the process exits, so the harness knows how many there
 * are. Unset (always, outside the harness), each point is one volatile read.
 */
public final class CrashPoints {
  public static final String ENV = "STATECTL_TEST_CRASH_AT";
  public static final String COUNT_ENV = "STATECTL_TEST_CRASH_COUNT";
  /** The exit status of a halted process (as a shell reports SIGKILL). */
  public static final int HALT_STATUS = 137;

  private static final int AT = parse(System.getenv(ENV));
  private static final AtomicInteger REACHED = new AtomicInteger();

  static {
    String countFile = System.getenv(COUNT_ENV);
    if (countFile != null && !countFile.isEmpty()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          java.nio.file.Files.writeString(java.nio.file.Path.of(countFile), REACHED.get() + "\n");
        } catch (java.io.IOException e) {
          System.err.println("cannot write " + countFile + ": " + e.getMessage());
        }
      }));
    }
  }

  private CrashPoints() {}

  /** One crash point: halts here when it is the one {@value #ENV} names. */
  public static void reached(String where) {
    int n = REACHED.incrementAndGet();
    if (n == AT) {
      System.err.println("crash point " + n + " (" + where + "): halting");
      System.err.flush();
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }

  private static int parse(String v) {
    try {
      return v == null || v.isBlank() ? -1 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
