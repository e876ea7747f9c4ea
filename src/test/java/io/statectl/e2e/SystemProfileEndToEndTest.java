package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system profile under a --root directory, with real files: {@code run/current-system} follows
 * the active system generation through apply and rollback; {@code system.packages} land in its
 * {@code sw/}, which the generated {@code etc/profile.d/statectl.sh} puts on PATH once.
 */
class SystemProfileEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path home;
  Path root;
  Statectl statectl;

  @BeforeEach
  void setUp() throws Exception {
    config = Files.createDirectories(tmp.resolve("config"));
    home = Files.createDirectories(tmp.resolve("home"));
    root = Files.createDirectories(tmp.resolve("root"));
    statectl = new Statectl(tmp.resolve("state"));
  }

  @AfterEach
  void stopServer() {
    statectl.run("server", "stop");
  }

  private Statectl.Result apply() {
    return statectl.run("apply", "--config", config.toString(), "--host", "box", "--home", home.toString(),
        "--root", root.toString()).ok();
  }

  /** The store path the system profile's link resolves to now. */
  private Path activeSystem() throws Exception {
    return statectl.stateDir().resolve("profiles/system").toRealPath();
  }

  @Test
  void currentSystem_followsApplyAndRollback() throws Exception {
    Trees.write(config.resolve("hosts/box.toml"), "[environment.etc.\"app.conf\"]\ntext = \"port = 1\\n\"\n");
    apply();
    Path first = activeSystem();
    Path link = root.resolve("run/current-system");
    assertEquals(first, Files.readSymbolicLink(link), "the link names the generation's store path");
    assertEquals(first, link.toRealPath());

    Trees.write(config.resolve("hosts/box.toml"), "[environment.etc.\"app.conf\"]\ntext = \"port = 2\\n\"\n");
    apply();
    Path second = activeSystem();
    assertEquals(second, link.toRealPath());
    assertEquals("port = 2\n", Files.readString(link.resolve("root-files/etc/app.conf")));

    statectl.run("rollback").ok();
    assertEquals(first, link.toRealPath(), "rollback points it back at generation 1");
    statectl.run("switch", "--generation", "2").ok();
    assertEquals(second, link.toRealPath(), "switch moves it too");
  }
}
