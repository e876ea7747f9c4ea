package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
  TempMachine machine;
  Path config;
  Path root;
  Statectl statectl;

  @BeforeEach
  void setUp() throws Exception {
    machine = TempMachine.under(tmp);
    config = machine.config();
    root = machine.root();
    statectl = machine.statectl();
  }

  @AfterEach
  void stopServer() {
    machine.stopServer();
  }

  private Statectl.Result apply() {
    return machine.apply().ok();
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

  @Test
  void systemPackages_areInSw_andProfileScriptPutsSwBinOnPathOnce() throws Exception {
    Trees.write(config.resolve("src/hello/hello.sh"), "#!/bin/sh\necho hello from sw\n");
    Trees.write(config.resolve("hosts/box.toml"), "[system]\npackages = [\"hello\"]\n\n[packages.hello]\n"
        + "version = \"1.0\"\nsrc = \"../src/hello\"\n"
        + "build = \"mkdir -p $out/bin $out/share/hello && cp hello.sh $out/bin/hello && chmod +x $out/bin/hello "
        + "&& echo doc > $out/share/hello/README\"\n");
    apply();
    Path first = activeSystem();
    Path sw = root.resolve("run/current-system/sw");
    Statectl.Result ran = Statectl.exec(List.of(sw.resolve("bin/hello").toString()), Map.of());
    assertEquals("hello from sw\n", ran.out(), ran.toString());
    assertEquals("doc\n", Files.readString(sw.resolve("share/hello/README")));
    assertTrue(Files.readSymbolicLink(sw.resolve("bin/hello")).toString().contains("-hello-1.0"),
        "a link into the package's output");

    Path script = root.resolve("etc/profile.d/statectl.sh");
    assertTrue(Files.isSymbolicLink(script), "linked like any environment.etc file");
    Statectl.Result path = Statectl.exec(List.of("/bin/bash", "-c", ". " + script + "; . " + script + "; echo \"$PATH\""),
        Map.of("PATH", "/usr/bin:/bin"));
    assertEquals("/run/current-system/sw/bin:/usr/bin:/bin\n", path.out(), path.toString());
    assertEquals(1, Arrays.stream(path.out().strip().split(":")).filter("/run/current-system/sw/bin"::equals).count());

    // Without system.packages the script goes (the etc removal rules) and so does sw/.
    Trees.write(config.resolve("hosts/box.toml"), "[environment.etc.\"app.conf\"]\ntext = \"x\\n\"\n");
    apply();
    assertFalse(Files.exists(script, java.nio.file.LinkOption.NOFOLLOW_LINKS), "script removed");
    assertFalse(Files.exists(root.resolve("run/current-system/sw")), "no sw/ without packages");
    statectl.run("rollback").ok();
    assertEquals(first, root.resolve("run/current-system").toRealPath());
    assertTrue(Files.isSymbolicLink(script), "rollback brings the script back");
    assertEquals("hello from sw\n", Statectl.exec(List.of(sw.resolve("bin/hello").toString()), Map.of()).out());
  }

  @Test
  void noOpApply_pointsAMissingOrBentCurrentSystemLinkAgain() throws Exception {
    Trees.write(config.resolve("hosts/box.toml"), "[environment.etc.\"app.conf\"]\ntext = \"port = 1\\n\"\n");
    apply();
    Path active = activeSystem();
    Path link = root.resolve("run/current-system");
    Files.delete(link); // what a reboot does to /run
    Statectl.Result again = apply();
    assertTrue(again.out().contains("no changes"), again.toString());
    assertTrue(again.err().contains("again (it was missing or pointed elsewhere)"), again.toString());
    assertEquals(active, Files.readSymbolicLink(link));
    Files.delete(link);
    Files.createSymbolicLink(link, tmp);
    apply();
    assertEquals(active, Files.readSymbolicLink(link), "a link pointing elsewhere is put right");
    Statectl.Result quiet = apply();
    assertFalse(quiet.err().contains("again"), "a right link is left alone: " + quiet);
  }

  @Test
  void systemPackagesOnDarwin_addNoProfileDScript() throws Exception {
    Trees.write(config.resolve("src/README"), "x\n");
    for (String platform : List.of("x86_64-linux", "aarch64-darwin")) {
      Trees.write(config.resolve("hosts/box.toml"), "[system]\nplatform = \"" + platform + "\"\n"
          + "packages = [\"hello\"]\n\n[packages.hello]\nversion = \"1.0\"\nsrc = \"../src\"\n"
          + "build = \"mkdir -p $out/bin\"\n\n[environment.etc.\"app.conf\"]\ntext = \"x\\n\"\n");
      Statectl.Result r = statectl.run("apply", "--config", config.toString(), "--host", "box", "--home",
          machine.home().toString(), "--root", root.toString(), "--dry-run");
      assertEquals(0, r.exit(), r.toString());
      assertEquals(platform.endsWith("linux"), r.out().contains("etc/profile.d/statectl.sh"), platform + ": " + r.out());
    }
  }
}
