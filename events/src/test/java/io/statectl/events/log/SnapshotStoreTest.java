package io.statectl.events.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

  @TempDir Path dir;
  EventLog log;

  @BeforeEach
  void open() {
    log = EventLog.open(dir);
  }

  @AfterEach
  void close() {
    log.close();
  }

  static SnapshotRecord snapshot(long sequence, String state) {
    return new SnapshotRecord(
        "Profile", "system", sequence, "snap-" + sequence, EventLogTest.T0, "x.Profile", "",
        "{}".getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void store_thenRead_givesItBack_andNothingForOtherAggregates() {
    log.snapshots().store(snapshot(4, "{\"n\":4}"));
    assertEquals(Optional.of(snapshot(4, "{\"n\":4}")), log.snapshots().read("system"));
    assertEquals(Optional.empty(), log.snapshots().read("home-u"));
  }

  @Test
  void olderSnapshot_doesNotReplaceANewerOne() {
    log.snapshots().store(snapshot(4, "new"));
    log.snapshots().store(snapshot(2, "old"));
    assertEquals(4, log.snapshots().read("system").orElseThrow().aggregateSequence());
    log.snapshots().store(snapshot(9, "newer"));
    assertEquals(9, log.snapshots().read("system").orElseThrow().aggregateSequence());
  }

  @Test
  void damagedSnapshot_readsAsAbsent() {
    byte[] value = SnapshotStore.encode(snapshot(4, "state"));
    value[20] ^= 1;
    assertEquals(Optional.empty(), SnapshotStore.decode("system", value));
    assertEquals(Optional.empty(), SnapshotStore.decode("system", new byte[3]));
  }
}
