package io.statectl.e2e.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code statectl install} onto a fresh copy of the cached bookworm rootfs, then that root booted
 * in systemd-nspawn with generation 1's {@code init} as PID 1, as a boot entry's {@code init=}
 * would: the boot-time activation runs the statectl bound in from the host (with the host's JDK,
 * {@code $STATECTL}), then execs systemd, which starts the declared service from its {@code
 * wantedBy} link. Checked inside: the service is active, the /etc entry and the user exist, and
 * {@code /run/current-system} and {@code /run/booted-system} are generation 1 of the root's own store.
 */
class InstalledRootBootEndToEndTest {
  private static final String HOST = """
      [users.users.alice]
      uid = 1234
      description = "Alice"

      [services.web]
      description = "web"
      command = ["/bin/sleep", "infinity"]

      [environment.etc."installed.txt"]
      text = "installed by statectl\\n"
      """;

  @TempDir Path work;

  @Test
  void anInstalledRoot_bootsGenerationOne_withItsServiceUserAndEtcEntry() throws Exception {
    BootedContainer.requireSupport();
    Path app = Path.of(System.getProperty("statectl.app", "shell/target/app")).toAbsolutePath();
    Path root = Path.of("target/statectl-test/installed-" + ProcessHandle.current().pid()).toAbsolutePath();
    Path config = Files.createDirectories(work.resolve("config/hosts")).getParent();
    Files.writeString(config.resolve("hosts/box.toml"), HOST);
    BootedContainer box = null;
    try {
      BootedContainer.unpackRootfs(root);
      String[] installed = host(app, "install", "--root", root.toString(), "--config", config.toString(), "--host",
          "box", "--state-dir", work.resolve("installer").toString());
      assertEquals("0", installed[0], installed[1] + installed[2]);
      assertTrue(installed[1].contains("next: boot it"), installed[1]);
      String gen1 = Files.readSymbolicLink(root.resolve("var/lib/statectl/profiles/system-1-link")).toString();
      assertTrue(gen1.startsWith("/var/lib/statectl/store/"), gen1);

      box = BootedContainer.bootRoot("inst", work, app, root, gen1 + "/init",
          Map.of("STATECTL", BootedContainer.APP + "/bin/statectl", "JAVA_HOME", javaHome(), "STATECTL_CDS", "0"));
      assertEquals("active", box.awaitActive("web.service"), box.exec("systemctl", "status", "web.service").out());
      assertEquals("installed by statectl\n", box.exec("cat", "/etc/installed.txt").ok().out());
      assertTrue(box.exec("getent", "passwd", "alice").ok().out().startsWith("alice:x:1234:"));
      assertEquals(gen1, box.exec("readlink", "/run/current-system").ok().out().strip());
      assertEquals(gen1, box.exec("readlink", "/run/booted-system").ok().out().strip());
      BootedContainer.Ran gens = box.statectl("generations", "--state-dir", "/var/lib/statectl").ok();
      assertTrue(gens.out().lines().anyMatch(l -> l.startsWith("*") && l.contains("   1  ") && l.contains("booted")),
          gens.out());
    } finally {
      if (box != null) {
        box.close();
      }
      new ProcessBuilder("rm", "-rf", "--one-file-system", root.toString()).start().waitFor();
    }
  }

  private static String javaHome() throws java.io.IOException {
    return Path.of(System.getProperty("java.home")).toRealPath().toString();
  }

  /** Runs the assembled statectl on the host (exit, stdout, stderr). */
  private static String[] host(Path app, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(app.resolve("bin/statectl").toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("STATECTL_NO_SERVER", "1");
    pb.environment().remove("STATECTL_STATE_DIR");
    Path out = Files.createTempFile("install-out", ".txt");
    Path err = Files.createTempFile("install-err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = p.waitFor();
    return new String[] {String.valueOf(exit), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8)};
  }
}
