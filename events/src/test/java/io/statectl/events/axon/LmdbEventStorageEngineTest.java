package io.statectl.events.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.Events;
import io.statectl.events.StatectlEvent;
import io.statectl.events.UnknownEventTypeException;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import io.statectl.events.log.NewEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbEventStorageEngineTest {

  @TempDir Path dir;
  EventLog log;
  LmdbEventStorageEngine engine;
  EmbeddedEventStore store;

  @BeforeEach
  void open() {
    log = EventLog.open(dir.resolve("events"));
    engine = LmdbEventStorageEngine.builder().eventLog(log).batchSize(2).build();
    store = EmbeddedEventStore.builder().storageEngine(engine).build();
  }

  @AfterEach
  void close() {
    try {
      store.shutDown();
    } finally {
      log.close();
    }
  }

  static DomainEventMessage<StatectlEvent> domain(long sequence, StatectlEvent event) {
    return new GenericDomainEventMessage<>("Profile", event.profile(), sequence, event);
  }

  static List<DomainEventMessage<StatectlEvent>> systemHistory() {
    return List.of(
        domain(0, Events.submitted("system")),
        domain(1, Events.evaluated("system")),
        domain(2, Events.created("system", 1)),
        domain(3, Events.activated("system", 1)));
  }

  @Test
  void publishedDomainEvents_readBackPerAggregate_andSitInTheLogUnderShortTypeNames() {
    var history = systemHistory();
    store.publish(history);
    store.publish(domain(0, Events.submitted("home-u")));

    List<? extends DomainEventMessage<?>> read = store.readEvents("system").asStream().toList();
    assertEquals(
        systemHistory().stream().map(EventMessage::getPayload).toList(),
        read.stream().map(EventMessage::getPayload).toList());
    assertEquals(List.of(0L, 1L, 2L, 3L), read.stream().map(DomainEventMessage::getSequenceNumber).toList());
    assertEquals("Profile", read.get(0).getType());
    assertEquals(history.get(2).getIdentifier(), read.get(2).getIdentifier());
    assertEquals(history.get(2).getTimestamp().toEpochMilli(), read.get(2).getTimestamp().toEpochMilli());

    List<LogRecord> records = log.readBatch(1, 10);
    assertEquals(
        List.of("ConfigurationSubmitted", "ConfigurationEvaluated", "GenerationCreated", "GenerationActivated",
            "ConfigurationSubmitted"),
        records.stream().map(LogRecord::type).toList());
    assertEquals(Events.created("system", 1), records.get(2).event());
    assertEquals("home-u", records.get(4).aggregateId());
    assertEquals(Optional.of(3L), engine.lastSequenceNumberFor("system"));
    assertEquals(Optional.empty(), engine.lastSequenceNumberFor("nobody"));
    assertTrue(log.verify(1).isOk());
  }

  @Test
  void metadata_survivesTheRoundTrip() {
    store.publish(domain(0, Events.submitted("system")).andMetaData(Map.of("command", "apply", "pid", 4711)));
    DomainEventMessage<?> read = store.readEvents("system").next();
    assertEquals("apply", read.getMetaData().get("command"));
    assertEquals(4711, read.getMetaData().get("pid"));
  }

  @Test
  void staleAggregateSequence_isAxonsConcurrencyException_andLeavesTheLogUnchanged() {
    store.publish(systemHistory());
    List<LogRecord> before = log.readBatch(1, 100);

    var stale = List.of(domain(4, Events.created("system", 2)), domain(2, Events.created("system", 2)));
    var e = assertThrows(ConcurrencyException.class, () -> store.publish(stale));
    assertTrue(e.getMessage().contains("system"), e.getMessage());
    assertThrows(AggregateStreamCreationException.class, () -> store.publish(domain(0, Events.submitted("system"))));

    assertEquals(before, log.readBatch(1, 100));
    assertEquals(Optional.of(3L), engine.lastSequenceNumberFor("system"));
  }

  @Test
  void trackingStreamFromTail_returnsEveryEventInOrder_withGlobalSequenceTokens() throws Exception {
    store.publish(systemHistory());
    store.publish(domain(0, Events.submitted("home-u")));
    List<TrackedEventMessage<?>> seen = new ArrayList<>();
    try (TrackingEventStream stream = store.openStream(store.createTailToken())) {
      while (seen.size() < 5 && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
        seen.add(stream.nextAvailable());
      }
    }
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L),
        seen.stream().map(m -> ((GlobalSequenceTrackingToken) m.trackingToken()).getGlobalIndex()).toList());
    assertEquals(Events.submitted("home-u"), seen.get(4).getPayload());
  }

  @Test
  void readEventsFromAToken_readsInBatchesToTheEnd() {
    store.publish(systemHistory());
    store.publish(domain(0, Events.submitted("home-u")));
    assertEquals(
        List.of(3L, 4L, 5L),
        engine.readEvents(new GlobalSequenceTrackingToken(2), false)
            .map(m -> ((GlobalSequenceTrackingToken) m.trackingToken()).getGlobalIndex())
            .toList());
    assertEquals(5, engine.readEvents(null, false).count());
  }

  @Test
  void tokens_markTailHeadAndTime() {
    assertEquals(new GlobalSequenceTrackingToken(0), engine.createHeadToken());
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<DomainEventMessage<StatectlEvent>> timed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      timed.add(
          new GenericDomainEventMessage<>(
              "Profile", "system", i, Events.created("system", i + 1), Map.of(), "id-" + i, t0.plusSeconds(60L * i)));
    }
    store.publish(timed);
    assertEquals(new GlobalSequenceTrackingToken(0), engine.createTailToken());
    assertEquals(new GlobalSequenceTrackingToken(3), engine.createHeadToken());
    assertEquals(new GlobalSequenceTrackingToken(1), engine.createTokenAt(t0.plusSeconds(30)));
    assertEquals(new GlobalSequenceTrackingToken(3), engine.createTokenAt(t0.plusSeconds(3600)));
  }

  @Test
  void eventOfATypeFromANewerStatectl_failsTheReadWithTheTypedError() {
    store.publish(domain(0, Events.submitted("system")));
    log.append(
        List.of(
            new NewEvent(
                "future-1", "TimeTravelled", 1, Instant.now(), "Profile", "system", 1,
                "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))));
    var e =
        assertThrows(
            UnknownEventTypeException.class, () -> store.readEvents("system").asStream().toList());
    assertEquals(2, e.sequence());
  }

  @Test
  void nonStatectlPayload_isRefused() {
    assertThrows(
        io.statectl.events.UnregisteredEventClassException.class,
        () -> store.publish(new GenericDomainEventMessage<>("Profile", "system", 0, "just a string")));
    assertEquals(0, log.lastSequence());
  }

  @Test
  void snapshots_areStoredAndServedToAggregateLoading() {
    store.publish(systemHistory());
    record ProfileState(String profile, int generation) {}
    store.storeSnapshot(new GenericDomainEventMessage<>("Profile", "system", 3, new ProfileState("system", 1)));
    DomainEventMessage<?> snapshot = engine.readSnapshot("system").orElseThrow();
    assertEquals(new ProfileState("system", 1), snapshot.getPayload());
    assertEquals(3, snapshot.getSequenceNumber());
    // The event store starts from the snapshot and adds only later events.
    store.publish(domain(4, Events.created("system", 2)));
    List<? extends DomainEventMessage<?>> events = store.readEvents("system").asStream().toList();
    assertEquals(List.of(3L, 4L), events.stream().map(DomainEventMessage::getSequenceNumber).toList());
  }
}
