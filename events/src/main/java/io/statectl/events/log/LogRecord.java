package io.statectl.events.log;

import io.statectl.events.EventJson;
import io.statectl.events.StatectlEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One stored event of the log, as decoded from its canonical encoding (docs/spec/event-log.md).
 *
 * <p>Byte arrays are copied in and out.
 *
 * @param sequence global sequence, 1 or more, without gaps
 * @param eventId unique id of the event (Axon's message identifier)
 * @param type short type name, see {@link io.statectl.events.EventTypes}
 * @param schemaVersion schema version of the payload
 * @param timestamp when it happened, millisecond precision
 * @param aggregateType type of the aggregate, empty when none
 * @param aggregateId the aggregate it belongs to
 * @param aggregateSequence position in the aggregate's stream, from 0
 * @param metadata metadata, a UTF-8 JSON object
 * @param payload payload, UTF-8 JSON
 * @param checksum XXH3-64 of every other byte of the stored value
 * @param previousHash SHA-256 of the previous record's stored value; 32 zero bytes for sequence 1
 */
public record LogRecord(
    long sequence,
    String eventId,
    String type,
    int schemaVersion,
    Instant timestamp,
    String aggregateType,
    String aggregateId,
    long aggregateSequence,
    byte[] metadata,
    byte[] payload,
    long checksum,
    byte[] previousHash) {

  public LogRecord {
    if (sequence < 1) {
      throw new IllegalArgumentException("log sequences start at 1: " + sequence);
    }
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    metadata = Objects.requireNonNull(metadata, "metadata").clone();
    payload = Objects.requireNonNull(payload, "payload").clone();
    previousHash = Objects.requireNonNull(previousHash, "previousHash").clone();
    if (previousHash.length != RecordCodec.HASH_BYTES) {
      throw new IllegalArgumentException("previous hash must be 32 bytes: " + previousHash.length);
    }
  }

  /**
   * The event this record holds.
   *
   * @throws io.statectl.events.UnknownEventTypeException when a newer statectl wrote it
   * @throws io.statectl.events.EventPayloadException when its payload does not fit the record
   */
  public StatectlEvent event() {
    return EventJson.decode(sequence, type, schemaVersion, payload);
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
  public byte[] previousHash() {
    return previousHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogRecord r
        && sequence == r.sequence
        && eventId.equals(r.eventId)
        && type.equals(r.type)
        && schemaVersion == r.schemaVersion
        && timestamp.equals(r.timestamp)
        && aggregateType.equals(r.aggregateType)
        && aggregateId.equals(r.aggregateId)
        && aggregateSequence == r.aggregateSequence
        && Arrays.equals(metadata, r.metadata)
        && Arrays.equals(payload, r.payload)
        && checksum == r.checksum
        && Arrays.equals(previousHash, r.previousHash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + Long.hashCode(checksum);
  }

  @Override
  public String toString() {
    return "LogRecord[#" + sequence + " " + type + " v" + schemaVersion + " " + aggregateId + "#"
        + aggregateSequence + " id=" + eventId + " at " + timestamp + " xxh3="
        + HexFormat.of().toHexDigits(checksum) + "]";
  }
}
