package io.statectl.plugins.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Apple's {@code plutil -lint}, which exists on macOS only: there it must accept the plist; on
 * other hosts nothing is checked (the independent parsers of {@link PlistParsers} still are).
 */
final class Lint {
  private Lint() {}

  static void ifAvailable(String xml, Path dir) throws IOException, InterruptedException {
    Path plutil = Path.of("/usr/bin/plutil");
    if (!Files.isExecutable(plutil)) {
      return;
    }
    Path file = dir.resolve("lint.plist");
    Files.writeString(file, xml, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(plutil.toString(), "-lint", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
  }
}
