package io.statectl.events.log;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * A serialized aggregate snapshot: the aggregate's state after {@code aggregateSequence}, so that
 * loading it needs only the events after that.
 *
 * <p>Snapshots are a cache, not history: they are not chained, and a damaged one is ignored. The
 * payload type is the serializer's type name (for Axon, the aggregate's class name), not an event
 * type. Byte arrays are copied in and out.
 *
 * @param aggregateType type of the aggregate
 * @param aggregateId the aggregate, as in {@link NewEvent#aggregateId()}
 * @param aggregateSequence sequence of the last event the snapshot includes
 * @param eventId identifier of the snapshot message
 * @param timestamp when it was taken, millisecond precision
 * @param payloadType serialized type name of the payload
 * @param payloadRevision serialized revision of the payload, empty when it has none
 * @param metadata serialized metadata
 * @param payload serialized aggregate state
 */
public record SnapshotRecord(
    String aggregateType,
    String aggregateId,
    long aggregateSequence,
    String eventId,
    Instant timestamp,
    String payloadType,
    String payloadRevision,
    byte[] metadata,
    byte[] payload) {

  public SnapshotRecord {
    NewEvent.requireShortString(aggregateType, "aggregateType");
    NewEvent.requireShortString(aggregateId, "aggregateId");
    NewEvent.requireShortString(eventId, "eventId");
    NewEvent.requireShortString(payloadType, "payloadType");
    NewEvent.requireShortString(payloadRevision, "payloadRevision");
    if (aggregateId.isEmpty() || aggregateId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NewEvent.MAX_AGGREGATE_ID_BYTES) {
      throw new IllegalArgumentException("aggregate id must be 1.." + NewEvent.MAX_AGGREGATE_ID_BYTES + " UTF-8 bytes");
    }
    if (aggregateSequence < 0) {
      throw new IllegalArgumentException("aggregate sequences start at 0: " + aggregateSequence);
    }
    timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.MILLIS);
    metadata = Objects.requireNonNull(metadata, "metadata").clone();
    payload = Objects.requireNonNull(payload, "payload").clone();
  }

  @Override
  public byte[] metadata() {
    return metadata.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotRecord r
        && aggregateType.equals(r.aggregateType)
        && aggregateId.equals(r.aggregateId)
        && aggregateSequence == r.aggregateSequence
        && eventId.equals(r.eventId)
        && timestamp.equals(r.timestamp)
        && payloadType.equals(r.payloadType)
        && payloadRevision.equals(r.payloadRevision)
        && Arrays.equals(metadata, r.metadata)
        && Arrays.equals(payload, r.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(aggregateId, aggregateSequence, eventId);
  }

  @Override
  public String toString() {
    return "SnapshotRecord[" + aggregateId + "#" + aggregateSequence + " " + payloadType
        + (payloadRevision.isEmpty() ? "" : " rev " + payloadRevision) + " at " + timestamp + "]";
  }
}
