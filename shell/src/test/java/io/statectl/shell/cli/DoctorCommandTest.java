package io.statectl.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statectl doctor} on this machine's real tools, with state directories of the test's own. */
class DoctorCommandTest {
  @TempDir Path tmp;

  @Test
  void doctor_reportsEachCheck_andPassesOnAUsableStateDirectory() {
    var r = InProcessCli.run(tmp, tmp, "doctor", "--state-dir", tmp.resolve("state").toString());
    for (String check : new String[] {"state directory", "writer lock", "server", "git", "age"}) {
      assertTrue(r.out().contains(check), check + " missing:\n" + r.out());
    }
    assertTrue(r.out().contains("(not created yet)"), r.out());
    if (Files.isExecutable(Path.of("/usr/bin/bwrap"))) {
      assertTrue(r.out().matches("(?s).*(OK|FAIL) +bubblewrap.*"), r.out());
    }
    if (!r.out().contains("FAIL")) {
      assertEquals(0, r.exit(), r.out() + r.err());
    }
  }

  @Test
  void doctor_aStateDirectoryThatCannotBeCreated_blocksWithExit1AndAFix() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "in the way");
    var r = InProcessCli.run(tmp, tmp, "doctor", "--state-dir", file.resolve("state").toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("FAIL state directory"), r.out());
    assertTrue(r.out().contains("fix: fix its permissions"), r.out());
    assertTrue(r.err().contains("error[STC-E222]"), r.err());
  }

  @Test
  void doctor_aLockRecordOfADeadProcess_isReportedAsStale() throws IOException {
    Path state = Files.createDirectories(tmp.resolve("state"));
    Path lock = new io.statectl.kernel.state.StateDirectory(state).writerLock();
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "pid=2147483000\nsince=2026-01-01T00:00:00Z\n");
    var r = InProcessCli.run(tmp, tmp, "doctor", "--state-dir", state.toString());
    assertTrue(r.out().contains("WARN writer lock"), r.out());
    assertTrue(r.out().contains("pid 2147483000, which is not running (stale record)"), r.out());
  }
}
