package io.statectl.client;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/** The client's share of a command's time, printed after the server's phases for {@code STATECTL_TIMINGS=1}. */
final class ClientTimings {
  private ClientTimings() {}

  static void report(OutputStream err, long beforeConnect, long connected, long done) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long uptimeAtEnd = System.currentTimeMillis() - jvmStart;
    long toConnect = (connected - beforeConnect) / 1_000_000;
    long command = (done - connected) / 1_000_000;
    String text = "client timings:\n"
        + String.format("  %-24s %6d ms%n", "jvm start to connect", uptimeAtEnd - command)
        + String.format("  %-24s %6d ms%n", "of which connect/start", toConnect)
        + String.format("  %-24s %6d ms%n", "command on the server", command)
        + String.format("  %-24s %6d ms%n", "total since jvm start", uptimeAtEnd);
    try {
      err.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // nowhere to report it
    }
  }
}
