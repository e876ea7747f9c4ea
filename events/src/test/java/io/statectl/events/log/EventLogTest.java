package io.statectl.events.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.Events;
import io.statectl.events.StatectlEvent;
import io.statectl.events.UnknownEventTypeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  @TempDir Path state;
  Path dir;
  EventLog log;

  @BeforeEach
  void open() {
    dir = state.resolve("events");
    log = EventLog.open(dir);
  }

  @AfterEach
  void close() {
    log.close();
  }

  static NewEvent event(StatectlEvent event, long aggregateSequence) {
    return NewEvent.of(event, "Profile", aggregateSequence, T0.plusSeconds(aggregateSequence));
  }

  static List<NewEvent> systemHistory(int count) {
    List<NewEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(Events.created("system", i + 1), i));
    }
    return events;
  }

  @Test
  void emptyLog_hasLastSequenceZeroAndReadsNothing() {
    assertEquals(0, log.lastSequence());
    assertEquals(Optional.empty(), log.read(1));
    assertEquals(List.of(), log.readAggregate("system", 0));
    assertEquals(OptionalLong.empty(), log.lastAggregateSequence("system"));
    assertTrue(dir.resolve("data.mdb").toFile().isFile());
  }

  @Test
  void append_assignsConsecutiveSequencesFromOne_andReadsBackWhatItReturned() {
    List<LogRecord> first = log.append(systemHistory(2));
    List<LogRecord> second = log.append(List.of(event(Events.activated("system", 2), 2)));
    assertEquals(List.of(1L, 2L), first.stream().map(LogRecord::sequence).toList());
    assertEquals(3, second.get(0).sequence());
    assertEquals(3, log.lastSequence());
    for (LogRecord record : first) {
      assertEquals(Optional.of(record), log.read(record.sequence()));
    }
    LogRecord r = log.read(3).orElseThrow();
    assertEquals("GenerationActivated", r.type());
    assertEquals(1, r.schemaVersion());
    assertEquals("Profile", r.aggregateType());
    assertEquals("system", r.aggregateId());
    assertEquals(2, r.aggregateSequence());
    assertEquals(T0.plusSeconds(2), r.timestamp());
    assertEquals(Events.activated("system", 2), r.event());
  }

  @Test
  void append_chainsEachRecordToTheSha256OfThePreviousStoredValue() throws Exception {
    log.append(systemHistory(3));
    assertArrayEquals(new byte[32], log.read(1).orElseThrow().previousHash());
    log.close();
    byte[] second = RawLog.value(dir, 2);
    log = EventLog.open(dir);
    assertArrayEquals(
        MessageDigest.getInstance("SHA-256").digest(second), log.read(3).orElseThrow().previousHash());
  }

  @Test
  void append_keepsMillisecondsOfTheTimestamp() {
    Instant precise = Instant.parse("2026-01-02T03:04:05.678912345Z");
    LogRecord r = log.append(List.of(NewEvent.of(Events.submitted("system"), "Profile", 0, precise))).get(0);
    assertEquals(T0, r.timestamp());
    assertEquals(T0, log.read(1).orElseThrow().timestamp());
  }

  @Test
  void append_takenAggregateSequence_abortsTheWholeBatch_andNamesTheCulprit() {
    log.append(systemHistory(2));
    List<NewEvent> stale =
        List.of(event(Events.created("home-u", 1), 0), event(Events.created("system", 3), 1));
    var e = assertThrows(DuplicateAggregateSequenceException.class, () -> log.append(stale));
    assertEquals("system", e.aggregateId());
    assertEquals(1, e.aggregateSequence());
    assertEquals(2, e.existingSequence());
    assertEquals(2, log.lastSequence());
    assertEquals(OptionalLong.empty(), log.lastAggregateSequence("home-u"));
    assertTrue(log.verify(1).isOk());
  }

  @Test
  void append_sameAggregateSequenceTwiceInOneBatch_isRefused() {
    var e =
        assertThrows(
            DuplicateAggregateSequenceException.class,
            () -> log.append(List.of(event(Events.submitted("system"), 0), event(Events.submitted("system"), 0))));
    assertEquals(0, e.existingSequence());
    assertEquals(0, log.lastSequence());
  }

  @Test
  void readAggregate_returnsOnlyThatAggregate_fromTheGivenSequence_evenWhenIdsSharePrefixes() {
    log.append(
        List.of(
            event(Events.created("system", 1), 0),
            event(Events.created("sys", 1), 0),
            event(Events.created("system", 2), 1),
            event(Events.created("system2", 1), 0),
            event(Events.created("system", 3), 2)));
    assertEquals(
        List.of(3L, 5L),
        log.readAggregate("system", 1).stream().map(LogRecord::sequence).toList());
    assertEquals(List.of(2L), log.readAggregate("sys", 0).stream().map(LogRecord::sequence).toList());
    assertEquals(OptionalLong.of(2), log.lastAggregateSequence("system"));
    assertEquals(OptionalLong.of(0), log.lastAggregateSequence("sys"));
    assertEquals(OptionalLong.of(0), log.lastAggregateSequence("system2"));
    assertEquals(OptionalLong.empty(), log.lastAggregateSequence("syst"));
    assertEquals(OptionalLong.empty(), log.lastAggregateSequence("zzz"));
  }

  @Test
  void forEach_streamsTheClampedRangeInOrder() {
    log.append(systemHistory(6));
    List<Long> seen = new ArrayList<>();
    log.forEach(2, 4, r -> seen.add(r.sequence()));
    assertEquals(List.of(2L, 3L, 4L), seen);
    seen.clear();
    log.forEach(5, Long.MAX_VALUE, r -> seen.add(r.sequence()));
    assertEquals(List.of(5L, 6L), seen);
    assertEquals(List.of(3L, 4L), log.readBatch(3, 2).stream().map(LogRecord::sequence).toList());
    assertEquals(List.of(), log.readBatch(7, 10));
  }

  @Test
  void firstSequenceAtOrAfter_findsTheFirstRecordNotBeforeTheInstant() {
    log.append(systemHistory(4));
    assertEquals(OptionalLong.of(1), log.firstSequenceAtOrAfter(Instant.EPOCH));
    assertEquals(OptionalLong.of(3), log.firstSequenceAtOrAfter(T0.plusSeconds(2)));
    assertEquals(OptionalLong.of(3), log.firstSequenceAtOrAfter(T0.plusMillis(1500)));
    assertEquals(OptionalLong.empty(), log.firstSequenceAtOrAfter(T0.plusSeconds(10)));
  }

  @Test
  void reopening_keepsEverything_andContinuesTheSequence() {
    log.append(systemHistory(2));
    log.close();
    log = EventLog.open(dir);
    assertEquals(2, log.lastSequence());
    assertEquals(3, log.append(List.of(event(Events.activated("system", 2), 2))).get(0).sequence());
    assertEquals(new VerifyResult.Ok(3, 3), log.verify(1));
  }

  @Test
  void event_ofATypeFromANewerStatectl_throwsNamingTheSequence() {
    log.append(systemHistory(1));
    log.append(
        List.of(
            new NewEvent(
                UUID.randomUUID().toString(), "TimeTravelled", 1, T0, "Profile", "system", 1,
                "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))));
    LogRecord future = log.read(2).orElseThrow();
    var e = assertThrows(UnknownEventTypeException.class, future::event);
    assertEquals(2, e.sequence());
    assertTrue(e.getMessage().startsWith("event type TimeTravelled (schema 1) at sequence 2 is unknown"));
  }

  @Test
  void newEvent_refusesAggregateIdsTheKeyEncodingCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> event(Events.submitted("a\0b"), 0));
    assertThrows(IllegalArgumentException.class, () -> event(Events.submitted(""), 0));
    assertThrows(IllegalArgumentException.class, () -> event(Events.submitted("x".repeat(401)), 0));
    assertThrows(IllegalArgumentException.class, () -> event(Events.submitted("system"), -1));
  }

  @Test
  void readers_onOtherThreads_seeWholeAppendsOnly() throws Exception {
    List<Throwable> failures = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 200; i++) {
                  long last = log.lastSequence();
                  assertEquals(0, last % 10, "appends come in batches of 10");
                  assertTrue(log.verify(1).isOk());
                }
              } catch (Throwable t) {
                synchronized (failures) {
                  failures.add(t);
                }
              }
            });
    reader.start();
    for (int batch = 0; batch < 20; batch++) {
      List<NewEvent> events = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        events.add(event(Events.created("system", batch * 10 + i + 1), batch * 10L + i));
      }
      log.append(events);
    }
    reader.join();
    assertEquals(List.of(), failures);
    assertEquals(new VerifyResult.Ok(200, 200), log.verify(1));
  }
}
