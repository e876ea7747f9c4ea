package io.statectl.plugins.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code systemd-analyze verify --man=no}, offline, on rendered units. It exits 0 on an
 * unknown key and only says so on stderr: a clean unit is one with exit 0 and nothing on stderr.
 */
final class SystemdAnalyze {
  private static final Path TOOL = Path.of("/usr/bin/systemd-analyze");

  private SystemdAnalyze() {}

  static void requireTool() {
    if (!Files.isExecutable(TOOL)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(TOOL + " is missing: apt-get install -y --no-install-recommends systemd");
      }
      assumeTrue(false, TOOL + " is missing (install systemd)");
    }
  }

  /** Writes each unit into {@code dir} and verifies them all in one call; fails on any stderr. */
  static void verifyClean(Path dir, Map<String, String> units) throws IOException, InterruptedException {
    requireTool();
    List<String> argv = new ArrayList<>(List.of(TOOL.toString(), "verify", "--man=no"));
    for (Map.Entry<String, String> u : units.entrySet()) {
      Path f = dir.resolve(u.getKey());
      Files.writeString(f, u.getValue());
      argv.add(f.toString());
    }
    Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    assertEquals("", err, "systemd-analyze verify said something about " + units.keySet());
    assertEquals(0, rc);
  }
}
