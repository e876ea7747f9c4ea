package io.statectl.events.log;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The canonical encoding of a log record's stored value, format 1 (docs/spec/event-log.md).
 *
 * <pre>
 * offset  size  field
 *  0       1    format = 0x01
 *  1       8    global sequence (equals the key)
 *  9       8    timestamp, ms since the epoch
 * 17       4    schema version
 * 21       8    aggregate sequence
 * 29      32    SHA-256 of the previous record's stored value (zeros for sequence 1)
 * 61     2+n    event id        (u16 length, UTF-8)
 *        2+n    type            (u16 length, UTF-8)
 *        2+n    aggregate type  (u16 length, UTF-8)
 *        2+n    aggregate id    (u16 length, UTF-8)
 *        4+n    metadata JSON   (u32 length)
 *        4+n    payload JSON    (u32 length)
 * end-8    8    XXH3-64 (seed 0) of all bytes before it
 * </pre>
 *
 * All integers are big-endian. Fixed fields come first so that verification and timestamp scans
 * read them at constant offsets without decoding the rest.
 */
final class RecordCodec {

  static final byte FORMAT = 1;
  static final int HASH_BYTES = 32;
  static final int CHECKSUM_BYTES = 8;
  static final int OFFSET_SEQUENCE = 1;
  static final int OFFSET_TIMESTAMP = 9;
  static final int OFFSET_SCHEMA = 17;
  static final int OFFSET_AGGREGATE_SEQUENCE = 21;
  static final int OFFSET_PREVIOUS_HASH = 29;
  static final int OFFSET_VARIABLE = OFFSET_PREVIOUS_HASH + HASH_BYTES;
  static final int MIN_LENGTH = OFFSET_VARIABLE + 4 * 2 + 2 * 4 + CHECKSUM_BYTES;

  private static final Hasher64 XXH3 = Hashing.xxh3_64();

  private RecordCodec() {}

  /** A stored value whose envelope or checksum is wrong; cheap, as verify may meet many. */
  static final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;
    final RecordProblem problem;

    MalformedRecordException(RecordProblem problem, String detail) {
      super(detail, null, false, false);
      this.problem = problem;
    }
  }

  static byte[] encode(long sequence, NewEvent event, byte[] previousHash) {
    byte[] eventId = utf8(event.eventId());
    byte[] type = utf8(event.type());
    byte[] aggregateType = utf8(event.aggregateType());
    byte[] aggregateId = utf8(event.aggregateId());
    byte[] metadata = event.metadataBytes();
    byte[] payload = event.payloadBytes();
    int size =
        MIN_LENGTH
            + eventId.length
            + type.length
            + aggregateType.length
            + aggregateId.length
            + metadata.length
            + payload.length;
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT)
        .putLong(sequence)
        .putLong(event.timestamp().toEpochMilli())
        .putInt(event.schemaVersion())
        .putLong(event.aggregateSequence())
        .put(previousHash);
    putShort(out, eventId);
    putShort(out, type);
    putShort(out, aggregateType);
    putShort(out, aggregateId);
    out.putInt(metadata.length).put(metadata);
    out.putInt(payload.length).put(payload);
    out.putLong(checksumOf(out.array()));
    return out.array();
  }

  /**
   * Checks the value stored under {@code sequence}: length, checksum, format, sequence and that the
   * variable fields exactly fill it. Does not look at the chain.
   */
  static void check(long sequence, byte[] value) throws MalformedRecordException {
    if (value.length < MIN_LENGTH) {
      throw new MalformedRecordException(
          RecordProblem.UNDECODABLE,
          "value is " + value.length + " bytes, less than the smallest record (" + MIN_LENGTH + ")");
    }
    long stored = storedChecksum(value);
    long actual = checksumOf(value);
    if (stored != actual) {
      throw new MalformedRecordException(
          RecordProblem.CHECKSUM_MISMATCH,
          String.format("XXH3-64 of the record is %016x, it says %016x", actual, stored));
    }
    if (value[0] != FORMAT) {
      throw new MalformedRecordException(
          RecordProblem.UNDECODABLE, "record format " + value[0] + " is unknown (expected 1)");
    }
    long inside = LogKeys.longAt(value, OFFSET_SEQUENCE);
    if (inside != sequence) {
      throw new MalformedRecordException(
          RecordProblem.UNDECODABLE, "record says sequence " + inside + " but is stored under " + sequence);
    }
    int end = value.length - CHECKSUM_BYTES;
    int at = OFFSET_VARIABLE;
    for (int i = 0; i < 4; i++) {
      at = skip(value, at, end, 2);
    }
    for (int i = 0; i < 2; i++) {
      at = skip(value, at, end, 4);
    }
    if (at != end) {
      throw new MalformedRecordException(
          RecordProblem.UNDECODABLE, (end - at) + " stray bytes after the payload");
    }
  }

  /** Decodes a value that {@link #check} accepted. */
  static LogRecord decode(long sequence, byte[] value) throws MalformedRecordException {
    check(sequence, value);
    ByteBuffer in = ByteBuffer.wrap(value);
    in.position(OFFSET_TIMESTAMP);
    Instant timestamp = Instant.ofEpochMilli(in.getLong());
    int schemaVersion = in.getInt();
    long aggregateSequence = in.getLong();
    byte[] previousHash = new byte[HASH_BYTES];
    in.get(previousHash);
    String eventId = string(in);
    String type = string(in);
    String aggregateType = string(in);
    String aggregateId = string(in);
    byte[] metadata = bytes(in, in.getInt());
    byte[] payload = bytes(in, in.getInt());
    try {
      return new LogRecord(
          sequence,
          eventId,
          type,
          schemaVersion,
          timestamp,
          aggregateType,
          aggregateId,
          aggregateSequence,
          metadata,
          payload,
          in.getLong(),
          previousHash);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(RecordProblem.UNDECODABLE, e.getMessage());
    }
  }

  static boolean hasPreviousHash(byte[] value, byte[] expected) {
    return Arrays.equals(
        value, OFFSET_PREVIOUS_HASH, OFFSET_VARIABLE, expected, 0, HASH_BYTES);
  }

  static long timestampMillis(byte[] value) {
    return LogKeys.longAt(value, OFFSET_TIMESTAMP);
  }

  static long checksumOf(byte[] value) {
    return XXH3.hashBytesToLong(value, 0, value.length - CHECKSUM_BYTES);
  }

  static long storedChecksum(byte[] value) {
    return LogKeys.longAt(value, value.length - CHECKSUM_BYTES);
  }

  private static int skip(byte[] value, int at, int end, int lengthBytes)
      throws MalformedRecordException {
    if (at + lengthBytes > end) {
      throw new MalformedRecordException(RecordProblem.UNDECODABLE, "record ends inside a length field");
    }
    long length =
        lengthBytes == 2
            ? ((value[at] & 0xFF) << 8 | (value[at + 1] & 0xFF))
            : ((long) (value[at] & 0xFF) << 24
                | (value[at + 1] & 0xFF) << 16
                | (value[at + 2] & 0xFF) << 8
                | (value[at + 3] & 0xFF));
    long next = at + lengthBytes + length;
    if (next > end) {
      throw new MalformedRecordException(
          RecordProblem.UNDECODABLE, "a field of " + length + " bytes runs past the end of the record");
    }
    return (int) next;
  }

  private static void putShort(ByteBuffer out, byte[] field) {
    out.putShort((short) field.length).put(field);
  }

  private static String string(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  private static byte[] bytes(ByteBuffer in, int length) {
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
