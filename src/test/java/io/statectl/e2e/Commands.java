package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An OS tool a test drives directly (age-keygen, ssh-keygen, age): its output, or a failed test. */
final class Commands {
  private Commands() {}

  /** Runs {@code cmd} with stdin closed; fails the test, naming the command and its output, unless it exits 0. */
  static String sh(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail(String.join(" ", cmd) + ": " + out);
    }
    return out;
  }
}
