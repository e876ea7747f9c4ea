package io.statectl.events.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchored head follows every commit, outside the LMDB directory, and names the last record's hash. */
class ChainHeadTest {
  @TempDir Path tmp;

  @Test
  void everyCommit_rewritesTheHeadBesideTheLog_withTheLastRecordsHash() {
    Path dir = tmp.resolve("events");
    try (EventLog log = EventLog.open(dir)) {
      assertEquals(Optional.empty(), log.head(), "no commit, no head");
      log.append(EventLogTest.systemHistory(3));
      assertEquals(tmp.resolve("events.head"), ChainHead.file(dir));
      assertTrue(Files.isRegularFile(tmp.resolve("events.head")));
      ChainHead head = log.head().orElseThrow();
      assertEquals(3, head.sequence());
      assertEquals(log.logHead(), log.head());
      assertEquals(Optional.of(head.hash()), log.hashOf(3));
      assertEquals(Optional.empty(), log.hashOf(4));
    }
  }

  @Test
  void reanchor_writesTheLogsOwnHead() throws Exception {
    Path dir = tmp.resolve("events");
    try (EventLog log = EventLog.open(dir)) {
      log.append(EventLogTest.systemHistory(2));
      Files.writeString(ChainHead.file(dir), "9 00\n");
      assertEquals(9, log.head().orElseThrow().sequence());
      assertEquals(log.logHead(), log.reanchor());
      assertEquals(log.logHead(), log.head());
    }
  }
}
