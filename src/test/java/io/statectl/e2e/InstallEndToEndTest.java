package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code statectl install} onto a directory root: generation 1 lands in the root's own state
 * directory, the installer's state directory is never made; bad roots are refused, nothing written.
 */
class InstallEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path root;
  Statectl statectl;

  @BeforeEach
  void setUp() throws Exception {
    config = Files.createDirectories(tmp.resolve("config"));
    root = Files.createDirectories(tmp.resolve("root"));
    statectl = new Statectl(tmp.resolve("state"));
    Trees.write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Trees.write(root.resolve("etc/group"), "root:x:0:\nusers:x:100:\n");
    Trees.write(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
    Trees.write(config.resolve("hosts/box.toml"), "[users.users.alice]\nuid = 1001\n"
        + "[environment.etc.motd]\ntext = \"hello\\n\"\n");
  }

  private Statectl.Result install(String... extra) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("install", "--root", root.toString(),
        "--config", config.toString(), "--host", "box", "--platform", "x86_64-linux"));
    args.addAll(java.util.List.of(extra));
    return statectl.run(args.toArray(String[]::new));
  }

  @Test
  void installWritesGenerationOneIntoTheRootsOwnState_andASecondInstallNeedsForce() throws Exception {
    Statectl.Result r = install().ok();
    assertTrue(r.out().contains("installed box onto " + root), r.out());
    assertTrue(r.out().contains("next: boot it"), r.out());
    assertEquals("hello\n", Files.readString(root.resolve("etc/motd")));
    assertTrue(Files.readString(root.resolve("etc/passwd")).contains("alice:x:1001:100:"));
    assertTrue(Files.isDirectory(root.resolve("var/lib/statectl/store")));
    assertTrue(Files.readString(root.resolve("var/lib/statectl/users/ids")).contains("uid alice 1001"));
    assertTrue(!Files.exists(statectl.stateDir()), "the installer's own state directory is not touched");
    Statectl.Result gens = new Statectl(root.resolve("var/lib/statectl")).run("generations").ok();
    assertTrue(gens.out().contains("1"), gens.out());

    Map<String, String> before = Trees.picture(root.resolve("etc"));
    Statectl.Result again = install();
    assertEquals(4, again.exit(), again.toString());
    assertTrue(again.err().contains("STC-E248"), again.err());
    assertEquals(before, Trees.picture(root.resolve("etc")));
    install("--force").ok();
  }

  @Test
  void theRunningSystem_andAFile_areRefused() throws Exception {
    Statectl.Result slash = statectl.run("install", "--root", "/", "--config", config.toString(), "--host", "box");
    assertEquals(2, slash.exit(), slash.toString());
    assertTrue(slash.err().contains("STC-E247") && slash.err().contains("running system"), slash.err());
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    Statectl.Result f = statectl.run("install", "--root", file.toString(), "--config", config.toString(), "--host", "box");
    assertEquals(2, f.exit(), f.toString());
    assertTrue(f.err().contains("is a file"), f.err());
    assertEquals("x", Files.readString(file));
  }
}
