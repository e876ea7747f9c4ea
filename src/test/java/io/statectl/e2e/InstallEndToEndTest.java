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
    assertEquals("hello\n", Files.readString(Trees.inRoot(root, "/etc/motd")), "/etc/motd resolves inside the root");
    assertTrue(Files.readString(root.resolve("etc/passwd")).contains("alice:x:1001:100:"));
    assertTrue(Files.isDirectory(root.resolve("var/lib/statectl/store")));
    assertTrue(Files.readString(root.resolve("var/lib/statectl/users/ids")).contains("uid alice 1001"));
    // the root's store is /var/lib/statectl/store as the booted root sees it: links resolve inside it
    String current = Files.readSymbolicLink(root.resolve("run/current-system")).toString();
    assertTrue(current.startsWith("/var/lib/statectl/store/"), current);
    assertTrue(Files.isDirectory(root.resolve(current.substring(1))), "the generation is in the root's store");
    String motd = Files.readSymbolicLink(root.resolve("etc/motd")).toString();
    assertTrue(motd.startsWith("/var/lib/statectl/") || !motd.startsWith("/"), motd);
    assertTrue(!Files.exists(Path.of("/var/lib/statectl")), "the running system's /var/lib/statectl is not made");
    Statectl.Result gens = new Statectl(root.resolve("var/lib/statectl")).run("generations").ok();
    assertTrue(gens.out().contains("1"), gens.out());
    Statectl.Result history = statectl.run("history").ok();
    assertTrue(history.out().contains("installed box onto " + root), history.out());
    Statectl.Result installerGens = statectl.run("generations").ok();
    assertTrue(!installerGens.out().contains("system"), "the installer's own log holds no generation: " + installerGens);

    Map<String, String> before = Trees.picture(root.resolve("etc"));
    Statectl.Result again = install();
    assertEquals(4, again.exit(), again.toString());
    assertTrue(again.err().contains("STC-E248"), again.err());
    assertEquals(before, Trees.picture(root.resolve("etc")));
    install("--force").ok();
  }

  @Test
  void servicesOnARootWithoutSystemd_areRefused_andNothingIsWritten() throws Exception {
    Trees.write(config.resolve("hosts/box.toml"), "[services.web]\ncommand = [\"/bin/sleep\", \"100\"]\n"
        + "[environment.etc.motd]\ntext = \"hello\\n\"\n");
    Map<String, String> before = Trees.picture(root);
    Statectl.Result r = install();
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E249") && r.err().contains("web.service") && r.err().contains("debootstrap"),
        r.err());
    assertEquals(before, Trees.picture(root), "nothing written to the root");
    assertTrue(!Files.exists(statectl.stateDir().resolve("events")), "nothing recorded by the installer");
  }

  @Test
  void aUidClash_isRefusedInTheRoot_andLeavesNoStateDirectory() throws Exception {
    // two declared users sharing a uid: a located error of the configuration, before anything runs
    Trees.write(config.resolve("hosts/box.toml"), "[users.users.alice]\nuid = 1001\n[users.users.bob]\nuid = 1001\n");
    Map<String, String> before = Trees.picture(root);
    Statectl.Result twice = install();
    assertEquals(3, twice.exit(), twice.toString());
    assertTrue(twice.err().contains("hosts/box.toml:4:1") && twice.err().contains("also users.users.alice's"), twice.err());
    assertEquals(before, Trees.picture(root), "nothing written to the root");
    // a uid the root's own passwd gives another account: refused by the activation inside the root
    Trees.write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/bin/sh\n");
    Trees.write(config.resolve("hosts/box.toml"), "[users.users.alice]\nuid = 1\n");
    before = Trees.picture(root);
    Statectl.Result r = install();
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E240"), r.err());
    assertEquals(before, Trees.picture(root), "nothing left in the root");
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
