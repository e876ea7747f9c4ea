package io.statectl.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test's need for a tool of the machine (bubblewrap, a shell, git, ssh, Nix, age, systemd…): the
 * one place that decides between running, skipping and failing. With {@code CI=true} a missing
 * tool fails the test with the command that installs it, so CI can never go green by skipping;
 * elsewhere the test is skipped (JUnit counts it, and {@code ./test.sh} prints every skip at the
 * end of the run). Shared with every module's tests through plugin-api's test jar.
 */
public final class RequiredTool {
  private RequiredTool() {}

  /** Whether this run is CI's: {@code CI=true}, as CI services set it. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Whether {@code tool} is an executable on {@code PATH} (or an absolute path to one). */
  public static boolean onPath(String tool) {
    if (tool.startsWith("/")) {
      return Files.isExecutable(Path.of(tool));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Goes on if {@code tool} is installed; otherwise fails under CI, skips elsewhere, naming the
   * Debian package that provides it.
   */
  public static void require(String tool, String debianPackage) {
    need(onPath(tool), tool, debianPackage);
  }

  /**
   * Goes on if {@code present}; otherwise fails under CI, skips elsewhere. For needs that are more
   * than a file on PATH (bubblewrap that can really create namespaces, a shell with a module).
   */
  public static void need(boolean present, String what, String debianPackage) {
    if (present) {
      return;
    }
    String install = "apt-get install -y --no-install-recommends " + debianPackage;
    if (inCi()) {
      fail(what + " is missing, and CI=true does not allow skipping: install it with `" + install + "`");
    }
    assumeTrue(false, "skipped: " + what + " is missing (" + install + ")");
  }
}
