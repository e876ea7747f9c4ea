package io.statectl.events.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.Events;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogVerifyTest {

  @TempDir Path dir;
  EventLog log;

  @BeforeEach
  void fiveRecords() {
    log = EventLog.open(dir);
    log.append(EventLogTest.systemHistory(5));
  }

  @AfterEach
  void close() {
    log.close();
  }

  private VerifyResult.Broken brokenAfter(Runnable damage, long from) {
    log.close();
    damage.run();
    log = EventLog.open(dir);
    return assertInstanceOf(VerifyResult.Broken.class, log.verify(from));
  }

  @Test
  void intactLog_verifiesWithItsCount() {
    assertEquals(new VerifyResult.Ok(5, 5), log.verify(1));
    assertEquals(new VerifyResult.Ok(2, 5), log.verify(4));
    assertEquals(new VerifyResult.Ok(0, 5), log.verify(6));
  }

  @Test
  void flippedByteInSequence3Of5_isReportedAtSequence3() {
    int middleOfPayload = RawLog.value(dir, 3).length - 30;
    var broken = brokenAfter(() -> RawLog.flipByte(dir, 3, middleOfPayload), 1);
    assertEquals(3, broken.sequence());
    assertEquals(RecordProblem.CHECKSUM_MISMATCH, broken.problem());
    assertEquals(2, broken.checkedBefore());
  }

  @Test
  void flippedByteInAnyField_isACheckumMismatch() {
    int length = RawLog.value(dir, 3).length;
    for (int offset : new int[] {0, 1, 12, 30, 61, length - 1}) {
      log.close();
      byte[] original = RawLog.value(dir, 3);
      log = EventLog.open(dir);
      var broken = brokenAfter(() -> RawLog.flipByte(dir, 3, offset), 1);
      assertEquals(3, broken.sequence(), "offset " + offset);
      assertEquals(RecordProblem.CHECKSUM_MISMATCH, broken.problem(), "offset " + offset);
      log.close();
      RawLog.rewrite(dir, 3, v -> original);
      log = EventLog.open(dir);
    }
  }

  @Test
  void corruptRecord_isNeverReturnedByReads() {
    log.close();
    RawLog.flipByte(dir, 3, 70);
    log = EventLog.open(dir);
    var e = assertThrows(CorruptRecordException.class, () -> log.read(3));
    assertEquals(3, e.sequence());
    assertEquals(RecordProblem.CHECKSUM_MISMATCH, e.problem());
    assertThrows(CorruptRecordException.class, () -> log.forEach(1, 5, r -> {}));
    assertThrows(CorruptRecordException.class, () -> log.readAggregate("system", 0));
    assertTrue(log.read(4).isPresent());
  }

  @Test
  void rewrittenRecordWithAValidChecksum_breaksTheChainAtTheNextRecord() {
    var broken =
        brokenAfter(
            () ->
                RawLog.rewrite(
                    dir,
                    3,
                    v -> {
                      v[70] ^= 0x01;
                      long checksum = RecordCodec.checksumOf(v);
                      for (int i = 0; i < 8; i++) {
                        v[v.length - 8 + i] = (byte) (checksum >>> (56 - 8 * i));
                      }
                      return v;
                    }),
            1);
    assertEquals(4, broken.sequence());
    assertEquals(RecordProblem.CHAIN_BROKEN, broken.problem());
  }

  @Test
  void deletedRecord_isReportedMissing() {
    var broken = brokenAfter(() -> RawLog.delete(dir, 2), 1);
    assertEquals(2, broken.sequence());
    assertEquals(RecordProblem.MISSING, broken.problem());
  }

  @Test
  void recordCopiedUnderAnotherKey_isUndecodable() {
    var broken =
        brokenAfter(
            () -> {
              byte[] first = RawLog.value(dir, 1);
              RawLog.rewrite(dir, 2, v -> first);
            },
            1);
    assertEquals(2, broken.sequence());
    assertEquals(RecordProblem.UNDECODABLE, broken.problem());
  }

  @Test
  void verifyFromTheMiddle_anchorsOnTheRecordBefore() {
    var broken = brokenAfter(() -> RawLog.flipByte(dir, 2, 70), 3);
    assertEquals(3, broken.sequence());
    assertEquals(RecordProblem.CHAIN_BROKEN, broken.problem());
    assertEquals(new VerifyResult.Ok(2, 5), log.verify(4));
  }

  @Test
  void manyRecords_verifyInOnePass() {
    List<NewEvent> batch = new ArrayList<>();
    for (int i = 5; i < 20_005; i++) {
      batch.add(EventLogTest.event(Events.created("system", i + 1), i));
      if (batch.size() == 5_000) {
        log.append(batch);
        batch.clear();
      }
    }
    assertEquals(new VerifyResult.Ok(20_005, 20_005), log.verify(1));
  }
}
