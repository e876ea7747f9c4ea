package io.statectl.events.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.statectl.events.Events;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long logs are verified in segments on several threads; the answer is the sequential one. */
class ParallelVerifyTest {
  static final int RECORDS = (int) (2 * EventLog.PARALLEL_VERIFY_MIN + 17);

  @TempDir Path dir;

  static void fill(EventLog log) {
    long seq = 0;
    while (seq < RECORDS) {
      List<NewEvent> batch = new ArrayList<>();
      for (int i = 0; i < 20_000 && seq < RECORDS; i++) {
        batch.add(NewEvent.of(Events.created("system", 1), "Profile", seq++, Instant.EPOCH));
      }
      log.append(batch);
    }
  }

  @Test
  void longLog_intact_andDamageAnywhere_isReportedAtItsSequence() {
    try (EventLog log = EventLog.open(dir)) {
      fill(log);
      assertEquals(new VerifyResult.Ok(RECORDS, RECORDS), log.verify(1));
      assertEquals(new VerifyResult.Ok(RECORDS - 9, RECORDS), log.verify(10));
    }
    long boundary = 1 + RECORDS / 2; // where the second of two segments starts
    for (long damaged : new long[] {boundary, boundary - 1, RECORDS - 3, 5}) {
      byte[] original = RawLog.value(dir, damaged);
      RawLog.flipByte(dir, damaged, 70);
      try (EventLog log = EventLog.open(dir)) {
        VerifyResult.Broken b = assertInstanceOf(VerifyResult.Broken.class, log.verify(1), "damage at " + damaged);
        assertEquals(damaged, b.sequence());
        assertEquals(RecordProblem.CHECKSUM_MISMATCH, b.problem());
        assertEquals(damaged - 1, b.checkedBefore());
      }
      RawLog.rewrite(dir, damaged, v -> original);
    }
    // a record replaced by another intact record (valid checksum, wrong chain link) at a segment start
    byte[] original = RawLog.value(dir, boundary);
    RawLog.rewrite(dir, boundary, v -> {
      byte[] copy = v.clone();
      copy[RecordCodec.OFFSET_PREVIOUS_HASH] ^= 1;
      long checksum = RecordCodec.checksumOf(copy);
      for (int i = 0; i < 8; i++) {
        copy[copy.length - 8 + i] = (byte) (checksum >>> (56 - 8 * i));
      }
      return copy;
    });
    try (EventLog log = EventLog.open(dir)) {
      VerifyResult.Broken b = assertInstanceOf(VerifyResult.Broken.class, log.verify(1));
      assertEquals(boundary, b.sequence());
      assertEquals(RecordProblem.CHAIN_BROKEN, b.problem());
    }
    RawLog.rewrite(dir, boundary, v -> original);
  }
}
