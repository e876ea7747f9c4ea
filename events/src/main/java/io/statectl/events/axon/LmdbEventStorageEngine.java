package io.statectl.events.axon;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertStrictPositive;

import io.statectl.events.log.DuplicateAggregateSequenceException;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * An Axon {@code EventStorageEngine} over statectl's {@link EventLog}: domain events go to the
 * log under their short type names, tracking tokens are {@link GlobalSequenceTrackingToken}s on
 * the log's global sequence, snapshots go to the log's snapshot store.
 *
 * <p>Thread-safe, as the log is. Only registered {@link io.statectl.events.StatectlEvent}s can be
 * appended. A domain event whose aggregate sequence is taken fails the whole append with Axon's
 * {@link org.axonframework.modelling.command.ConcurrencyException} (or
 * {@link org.axonframework.modelling.command.AggregateStreamCreationException} for sequence 0),
 * as Axon's own engines do, so a command decided on stale state is rejected instead of forking the
 * aggregate's history. The engine does not own the log: closing the log is the caller's job.
 */
public class LmdbEventStorageEngine extends AbstractEventStorageEngine {

  private final EventLog log;
  private final int batchSize;

  /** Builds the engine from a validated {@link Builder}. */
  protected LmdbEventStorageEngine(Builder builder) {
    super(builder);
    this.log = builder.log;
    this.batchSize = builder.batchSize;
  }

  /**
   * A builder whose event and snapshot serializers default to {@link
   * EventSerialization#jacksonSerializer()} and whose persistence exception resolver recognises
   * {@link DuplicateAggregateSequenceException}; {@link Builder#eventLog} is required.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
    if (events.isEmpty()) {
      return;
    }
    List<NewEvent> batch = events.stream().<NewEvent>map(e -> AxonRecords.toNewEvent(e, serializer)).toList();
    try {
      log.append(batch);
    } catch (DuplicateAggregateSequenceException e) {
      handlePersistenceException(e, culprit(events, e));
    }
  }

  private static EventMessage<?> culprit(
      List<? extends EventMessage<?>> events, DuplicateAggregateSequenceException e) {
    for (EventMessage<?> event : events) {
      if (event instanceof DomainEventMessage<?> domain
          && domain.getAggregateIdentifier().equals(e.aggregateId())
          && domain.getSequenceNumber() == e.aggregateSequence()) {
        return event;
      }
    }
    return events.get(0);
  }

  @Override
  protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
    log.snapshots().store(AxonRecords.toSnapshotRecord(snapshot, serializer));
  }

  @Override
  protected Stream<? extends DomainEventData<?>> readEventData(
      String aggregateIdentifier, long firstSequenceNumber) {
    // Mapped lazily so that an unknown type fails where it is met, after the events before it.
    return log.readAggregate(aggregateIdentifier, firstSequenceNumber).stream()
        .map(AxonRecords::toDomainEventData);
  }

  /**
   * The events after {@code trackingToken} (from the start when null), read in batches.
   * {@code mayBlock} is not needed: the stream ends at the current end of the log and Axon's
   * event store polls for more.
   */
  @Override
  protected Stream<? extends TrackedEventData<?>> readEventData(
      TrackingToken trackingToken, boolean mayBlock) {
    long from = positionOf(trackingToken) + 1;
    return StreamSupport.stream(new BatchingRecordSpliterator(log, from, batchSize), false)
        .map(AxonRecords::toTrackedEventData);
  }

  @Override
  protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
    return log.snapshots().read(aggregateIdentifier).map(AxonRecords::toDomainEventData).stream();
  }

  @Override
  public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
    var last = log.lastAggregateSequence(aggregateIdentifier);
    return last.isPresent() ? Optional.of(last.getAsLong()) : Optional.empty();
  }

  /** The position before the first record: a processor starting here sees every event. */
  @Override
  public TrackingToken createTailToken() {
    return new GlobalSequenceTrackingToken(0);
  }

  /** The position of the last record: a processor starting here sees only new events. */
  @Override
  public TrackingToken createHeadToken() {
    return new GlobalSequenceTrackingToken(log.lastSequence());
  }

  /** The position just before the first record at or after {@code dateTime}; the head when none is. */
  @Override
  public TrackingToken createTokenAt(Instant dateTime) {
    var first = log.firstSequenceAtOrAfter(dateTime);
    return first.isPresent() ? new GlobalSequenceTrackingToken(first.getAsLong() - 1) : createHeadToken();
  }

  /** The event log this engine reads and writes. */
  public EventLog eventLog() {
    return log;
  }

  private static long positionOf(TrackingToken token) {
    if (token == null) {
      return 0;
    }
    if (token instanceof GlobalSequenceTrackingToken global) {
      return global.getGlobalIndex();
    }
    throw new IllegalArgumentException(
        "the LMDB event storage engine tracks with GlobalSequenceTrackingToken, not "
            + token.getClass().getName());
  }

  /**
   * Builds a {@link LmdbEventStorageEngine}, in the manner of Axon's own engine builders.
   *
   * <p>Defaults: Jackson serializers from {@link EventSerialization}, statectl's upcaster chain
   * ({@link AxonUpcasters#chain()}), a read batch of
   * 1,000 records, and a persistence exception resolver that treats {@link
   * DuplicateAggregateSequenceException} as a duplicate key.
   */
  public static class Builder extends AbstractEventStorageEngine.Builder {

    private EventLog log;
    private int batchSize = 1000;

    /** Starts with statectl's defaults. */
    protected Builder() {
      super.eventSerializer(EventSerialization.jacksonSerializer());
      super.snapshotSerializer(EventSerialization.jacksonSerializer());
      super.persistenceExceptionResolver(e -> e instanceof DuplicateAggregateSequenceException);
      super.upcasterChain(AxonUpcasters.chain());
    }

    /** The log to store events in (required). */
    public Builder eventLog(EventLog eventLog) {
      assertNonNull(eventLog, "the event log may not be null");
      this.log = eventLog;
      return this;
    }

    /** How many records one read transaction of a tracking stream fetches; 1,000 by default. */
    public Builder batchSize(int batchSize) {
      assertStrictPositive(batchSize, "the batch size must be positive");
      this.batchSize = batchSize;
      return this;
    }

    @Override
    public Builder snapshotSerializer(Serializer snapshotSerializer) {
      super.snapshotSerializer(snapshotSerializer);
      return this;
    }

    @Override
    public Builder upcasterChain(EventUpcaster upcasterChain) {
      super.upcasterChain(upcasterChain);
      return this;
    }

    @Override
    public Builder persistenceExceptionResolver(PersistenceExceptionResolver resolver) {
      super.persistenceExceptionResolver(resolver);
      return this;
    }

    @Override
    public Builder eventSerializer(Serializer eventSerializer) {
      super.eventSerializer(eventSerializer);
      return this;
    }

    @Override
    public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
      super.snapshotFilter(snapshotFilter);
      return this;
    }

    /** The engine; fails with Axon's {@code AxonConfigurationException} when no log was given. */
    public LmdbEventStorageEngine build() {
      return new LmdbEventStorageEngine(this);
    }

    @Override
    protected void validate() {
      super.validate();
      assertNonNull(log, "the event log is a hard requirement and should be provided");
    }
  }
}
