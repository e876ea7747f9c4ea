package io.statectl.events.log;

import io.statectl.events.EventJson;
import io.statectl.events.EventType;
import io.statectl.events.EventTypes;
import io.statectl.events.StatectlEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * An event about to be appended: everything a {@link LogRecord} carries except what the log
 * assigns (global sequence, checksum, chain hash).
 *
 * <p>The log is a generic engine: it does not check that {@code type} is registered, only that the
 * values fit the record encoding. Byte arrays are copied in and out.
 *
 * @param eventId unique id of the event (Axon's message identifier, a UUID string)
 * @param type short type name, see {@link EventTypes}
 * @param schemaVersion schema version of the payload, 1 or more
 * @param timestamp when it happened; truncated to milliseconds, the log's precision
 * @param aggregateType type of the aggregate, empty when none
 * @param aggregateId aggregate the event belongs to: non-empty, no NUL, at most 400 UTF-8 bytes
 * @param aggregateSequence position in the aggregate's stream, 0 or more (Axon starts at 0)
 * @param metadata metadata as a UTF-8 JSON object
 * @param payload payload as UTF-8 JSON
 */
public record NewEvent(
    String eventId,
    String type,
    int schemaVersion,
    Instant timestamp,
    String aggregateType,
    String aggregateId,
    long aggregateSequence,
    byte[] metadata,
    byte[] payload) {

  /** Longest aggregate id in UTF-8 bytes: LMDB keys are at most 511 bytes, 9 go to the suffix. */
  public static final int MAX_AGGREGATE_ID_BYTES = 400;

  private static final byte[] EMPTY_METADATA = "{}".getBytes(StandardCharsets.US_ASCII);

  public NewEvent {
    requireShortString(eventId, "eventId");
    requireShortString(type, "type");
    requireShortString(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(timestamp, "timestamp");
    if (eventId.isEmpty() || type.isEmpty()) {
      throw new IllegalArgumentException("event id and type must not be empty");
    }
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schema versions start at 1: " + type + " v" + schemaVersion);
    }
    if (aggregateId.isEmpty()
        || aggregateId.indexOf('\0') >= 0
        || aggregateId.getBytes(StandardCharsets.UTF_8).length > MAX_AGGREGATE_ID_BYTES) {
      throw new IllegalArgumentException(
          "aggregate id must be 1.." + MAX_AGGREGATE_ID_BYTES + " UTF-8 bytes without NUL: '" + aggregateId + "'");
    }
    if (aggregateSequence < 0) {
      throw new IllegalArgumentException("aggregate sequences start at 0: " + aggregateSequence);
    }
    timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    metadata = Objects.requireNonNull(metadata, "metadata").clone();
    payload = Objects.requireNonNull(payload, "payload").clone();
  }

  /**
   * A statectl event as the next fact of its profile's aggregate: the aggregate id is the event's
   * profile, the event id a random UUID and the metadata empty.
   */
  public static NewEvent of(
      StatectlEvent event, String aggregateType, long aggregateSequence, Instant timestamp) {
    EventType type = EventTypes.of(event);
    return new NewEvent(
        UUID.randomUUID().toString(),
        type.name(),
        type.schemaVersion(),
        timestamp,
        aggregateType,
        event.profile(),
        aggregateSequence,
        EMPTY_METADATA,
        EventJson.encode(event));
  }

  @Override
  public byte[] metadata() {
    return metadata.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload without a defensive copy, for the codec only. */
  byte[] payloadBytes() {
    return payload;
  }

  /** The metadata without a defensive copy, for the codec only. */
  byte[] metadataBytes() {
    return metadata;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewEvent e
        && eventId.equals(e.eventId)
        && type.equals(e.type)
        && schemaVersion == e.schemaVersion
        && timestamp.equals(e.timestamp)
        && aggregateType.equals(e.aggregateType)
        && aggregateId.equals(e.aggregateId)
        && aggregateSequence == e.aggregateSequence
        && Arrays.equals(metadata, e.metadata)
        && Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, aggregateId, aggregateSequence);
  }

  @Override
  public String toString() {
    return "NewEvent[" + type + " v" + schemaVersion + " " + aggregateId + "#" + aggregateSequence
        + " id=" + eventId + " at " + timestamp + "]";
  }

  static void requireShortString(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.length() > 0xFFFF / 3 && value.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
      throw new IllegalArgumentException(name + " is longer than 65535 UTF-8 bytes");
    }
  }
}
