package io.statectl.kernel.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.StorePath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempRootsTest {
  @TempDir Path tmp;
  static final StorePath A = StorePath.parse("0123456789abcdfghijklmnpqrsvwxyz-a");
  static final StorePath B = StorePath.parse("1123456789abcdfghijklmnpqrsvwxyz-b");

  @Test
  void rootsAreLiveWhileHeld_andGoneWhenReleased() {
    Path dir = tmp.resolve("temproots");
    Path file;
    try (TempRoots roots = TempRoots.create(dir)) {
      file = roots.file();
      roots.add(List.of(A));
      roots.add(List.of(A, B));
      List<TempRoots.Holder> live = TempRoots.live(dir);
      assertEquals(1, live.size());
      assertEquals(List.of(A, B), live.get(0).paths());
      assertEquals(ProcessHandle.current().pid(), live.get(0).pid());
    }
    assertEquals(List.of(), TempRoots.live(dir));
    assertFalse(Files.exists(file));
  }

  @Test
  void aFileLockedByAnotherLivingProcess_isLive_andReclaimedOnceItDies() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("temproots"));
    Path file = dir.resolve("424242-1");
    Files.writeString(file, A + "\n");
    // a real second process holds the POSIX lock, as a running statectl does
    Process holder = new ProcessBuilder("python3", "-c",
        "import fcntl,sys,time\nf=open(sys.argv[1],'a')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('locked',flush=True)\ntime.sleep(60)",
        file.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", r.readLine());
      List<TempRoots.Holder> live = TempRoots.live(dir);
      assertEquals(List.of(A), live.get(0).paths());
    } finally {
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
    assertEquals(List.of(), TempRoots.live(dir), "the process died (SIGKILL): its roots are stale");
    assertFalse(Files.exists(file), "and reclaimed");
  }

  @Test
  void anUnlockedFile_ofACrashedCommand_isReclaimed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("temproots"));
    Files.writeString(dir.resolve("999999999-3"), A + "\n");
    Files.writeString(dir.resolve(".999999999-4"), B + "\n");
    assertEquals(List.of(), TempRoots.live(dir));
    try (var files = Files.list(dir)) {
      assertTrue(files.findAny().isEmpty());
    }
  }
}
