package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn package} ships: the man pages render without warnings under {@code groff
 * -man -ww}, one page per visible command (from the command-line model); the tarball unpacks and
 * runs with only a JRE; {@code install.sh --prefix} installs a working statectl.
 */
class DistributionTest {
  @TempDir Path tmp;

  private static void need(String tool) {
    boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is missing: apt-get install -y --no-install-recommends groff man-db");
    }
    assumeTrue(present, tool + " is not installed");
  }

  @Test
  void manPages_coverEveryCommand_andGroffWarnsAboutNothing() throws IOException {
    need("groff");
    Path man = Statectl.APP.resolve("man");
    List<Path> pages = new ArrayList<>();
    try (Stream<Path> s = Files.walk(man)) {
      s.filter(Files::isRegularFile).forEach(pages::add);
    }
    for (String cmd : List.of("statectl", "statectl-apply", "statectl-explain", "statectl-completion",
        "statectl-plugin-install", "statectl-store-path-info", "statectl-generations")) {
      assertTrue(Files.isRegularFile(man.resolve("man1/" + cmd + ".1")), cmd + ".1 missing");
    }
    assertTrue(Files.isRegularFile(man.resolve("man5/statectl-config.5")));
    assertTrue(Files.readString(man.resolve("man5/statectl-config.5")).contains("files"), "options in statectl-config.5");
    assertTrue(Files.notExists(man.resolve("man1/statectl-__complete.1")), "hidden commands get no page");
    for (Path p : pages) {
      Run r = run(List.of("groff", "-man", "-ww", "-z", p.toString()), null);
      assertEquals(0, r.exit, p + ": " + r.out);
      assertEquals("", r.out.strip(), p + " has groff warnings");
    }
    Run rendered = run(List.of("man", "-l", "-P", "cat", man.resolve("man1/statectl-apply.1").toString()), null);
    assertTrue(rendered.out.contains("--host"), rendered.out);
  }

  @Test
  void tarball_unpacksAndRunsWithOnlyAJre_andInstallsUnderAPrefix() throws IOException {
    Path tarball;
    try (Stream<Path> s = Files.list(Statectl.REPO.resolve("shell/target"))) {
      tarball = s.filter(p -> p.getFileName().toString().matches("statectl-.*\\.tar\\.gz")).findFirst()
          .orElseThrow(() -> new AssertionError("no statectl-<version>.tar.gz in shell/target"));
    }
    Run untar = run(List.of("tar", "-xzf", tarball.toString(), "-C", tmp.toString()), null);
    assertEquals(0, untar.exit, untar.out);
    Path dist;
    try (Stream<Path> s = Files.list(tmp)) {
      dist = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    for (String part : List.of("bin/statectl", "install.sh", "lib/statectl-shell.jar", "plugins/home.jar",
        "man/man1/statectl.1", "completion/statectl.bash", "completion/_statectl", "completion/statectl.fish",
        "examples/hosts/desktop.toml")) {
      assertTrue(Files.exists(dist.resolve(part)), part + " missing from the tarball");
    }
    Run version = run(List.of(dist.resolve("bin/statectl").toString(), "--no-server", "--version"), null);
    assertEquals(0, version.exit, version.out);
    assertTrue(version.out.startsWith("statectl "), version.out);

    Path prefix = tmp.resolve("prefix");
    Run install = run(List.of(dist.resolve("install.sh").toString(), "--prefix", prefix.toString()), null);
    assertEquals(0, install.exit, install.out);
    Run installed = run(List.of(prefix.resolve("bin/statectl").toString(), "--no-server", "explain", "STC-E001"), null);
    assertEquals(0, installed.exit, installed.out);
    assertTrue(installed.out.contains("typical cause"), installed.out);
    assertTrue(Files.isRegularFile(prefix.resolve("share/man/man1/statectl-apply.1")));
    assertTrue(Files.isRegularFile(prefix.resolve("share/bash-completion/completions/statectl")));
    Run bad = run(List.of(dist.resolve("install.sh").toString(), "--prefx", "x"), null);
    assertEquals(2, bad.exit, bad.out);
  }

  private record Run(int exit, String out) {}

  private Run run(List<String> cmd, Path cwd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.environment().put("HOME", tmp.toString());
      pb.environment().put("STATECTL_STATE_DIR", tmp.resolve("state").toString());
      Path out = Files.createTempFile(tmp, "run", ".out");
      Process p = pb.redirectOutput(out.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
