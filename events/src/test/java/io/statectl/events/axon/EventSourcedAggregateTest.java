package io.statectl.events.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.statectl.events.Events;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine under Axon's event-sourcing repository, as the kernel will use it. */
class EventSourcedAggregateTest {

  @TempDir Path dir;

  @Test
  void aggregate_isStoredAndRebuiltFromTheLog_andAStaleCommitIsRejected() {
    try (EventLog log = EventLog.open(dir.resolve("events"))) {
      LmdbEventStorageEngine engine = LmdbEventStorageEngine.builder().eventLog(log).build();
      EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
      try {
        EventSourcingRepository<ProfileAggregate> repository =
            EventSourcingRepository.builder(ProfileAggregate.class).eventStore(store).build();

        DefaultUnitOfWork.startAndGet(null)
            .execute(() -> uncheckedNewInstance(repository, "system"));
        DefaultUnitOfWork.startAndGet(null)
            .execute(() -> repository.load("system").execute(ProfileAggregate::createGeneration));
        int generations =
            DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load("system").invoke(ProfileAggregate::generations))
                .getPayload();
        assertEquals(1, generations);
        assertEquals(
            List.of("ConfigurationSubmitted", "GenerationCreated"),
            log.readBatch(1, 10).stream().map(LogRecord::type).toList());

        // Another writer records generation 2 while this command still works on generation 1.
        var uow = DefaultUnitOfWork.startAndGet(null);
        assertThrows(
            ConcurrencyException.class,
            () ->
                uow.execute(
                    () -> {
                      repository.load("system").execute(ProfileAggregate::createGeneration);
                      engine.appendEvents(
                          new GenericDomainEventMessage<>("ProfileAggregate", "system", 2, Events.created("system", 2)));
                    }));
        assertEquals(3, log.lastSequence());
        assertEquals(2, log.lastAggregateSequence("system").getAsLong());
      } finally {
        store.shutDown();
      }
    }
  }

  private static void uncheckedNewInstance(EventSourcingRepository<ProfileAggregate> repository, String id) {
    try {
      repository.newInstance(() -> new ProfileAggregate(id));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
