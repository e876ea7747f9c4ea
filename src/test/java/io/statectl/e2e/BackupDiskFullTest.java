package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup when the store's disk is full (issue 14's bad input): the state directory is a small
 * tmpfs the test mounts under its temp dir (as root), and the file in the way is larger than the
 * space left. The file stays untouched, the error names it (STC-E123), the activation is rolled
 * back and recorded, and the log verifies.
 */
class BackupDiskFullTest {
  @TempDir Path tmp;
  private Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void backup_onAFullDisk_isAClearError_theFileIsUntouched_andTheLogStaysIntact() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeTrue(root || "true".equals(System.getenv("CI")), "needs root to mount a tmpfs");
    if (!root) {
      throw new AssertionError("CI must run this test as root (it mounts a small tmpfs)");
    }
    Path state = Files.createDirectories(tmp.resolve("state"));
    // ~4 MiB: room for the event log, read models and the generation, not for the 6 MiB file.
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", state.toString())
        .inheritIO().start();
    assertEquals(0, mount.waitFor(), "mount -t tmpfs");
    mounted = state;

    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(state);
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();

    byte[] big = new byte[6 << 20];
    new Random(14).nextBytes(big);
    Files.delete(home.resolve(".bashrc"));
    Files.write(home.resolve(".bashrc"), big);
    Trees.write(config.resolve("files/bashrc"), "# changed, so that apply makes generation 2\n");

    Statectl.Result full = statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home",
        home.toString(), "--backup");
    assertEquals(6, full.exit(), full.toString());
    assertTrue(full.err().contains("STC-E123"), full.err());
    assertTrue(full.err().contains("cannot back up " + home.resolve(".bashrc") + " into the store"), full.err());
    assertTrue(full.err().contains("No space left on device"), full.err());
    assertTrue(full.err().contains("nothing was lost"), full.err());
    assertArrayEquals(big, Files.readAllBytes(home.resolve(".bashrc")), "the file in the way is untouched");
    assertFalse(Files.isSymbolicLink(home.resolve(".bashrc")));

    statectl.run("history", "--verify").ok();
    String failed = statectl.run("history", "--type", "ActivationFailed").ok().out();
    assertTrue(failed.contains("rolled back to 1"), failed);
    assertFalse(Files.exists(state.resolve("journal/system")), "the outcome is recorded, the journal gone");
    assertTrue(statectl.run("generations").ok().out().contains("*    1"), "generation 1 stays active");
  }
}
