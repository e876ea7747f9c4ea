package io.statectl.events.log;

import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The latest snapshot of each aggregate, kept in the log's {@code snapshots} database.
 *
 * <p>Thread-safe; same transaction rules as {@link EventLog}. A snapshot is only replaced by one
 * at a higher aggregate sequence. A stored snapshot that fails its checksum reads as absent: the
 * aggregate is then rebuilt from its events, which are the truth.
 *
 * <p>Value encoding, format 1, big-endian: format byte, aggregate sequence (8), timestamp ms (8),
 * u16-length UTF-8 aggregate type, event id, payload type, payload revision, u32-length metadata,
 * u32-length payload, XXH3-64 of all bytes before it (8). Key: aggregate id UTF-8.
 */
public final class SnapshotStore {

  private static final byte FORMAT = 1;

  private final Path directory;
  private final Env<byte[]> env;
  private final Dbi<byte[]> snapshots;

  SnapshotStore(Path directory, Env<byte[]> env, Dbi<byte[]> snapshots) {
    this.directory = directory;
    this.env = env;
    this.snapshots = snapshots;
  }

  /** Stores {@code snapshot} unless one at the same or a higher aggregate sequence is there; durable on return. */
  public void store(SnapshotRecord snapshot) {
    byte[] key = LogKeys.snapshot(snapshot.aggregateId());
    try (Txn<byte[]> txn = env.txnWrite()) {
      Optional<SnapshotRecord> current = decode(snapshot.aggregateId(), snapshots.get(txn, key));
      if (current.isEmpty() || current.get().aggregateSequence() < snapshot.aggregateSequence()) {
        snapshots.put(txn, key, encode(snapshot));
        txn.commit();
      }
    } catch (LmdbException e) {
      throw new EventLogStorageException(directory, "store a snapshot in", e);
    }
  }

  /** The latest intact snapshot of {@code aggregateId}, empty when there is none. */
  public Optional<SnapshotRecord> read(String aggregateId) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return decode(aggregateId, snapshots.get(txn, LogKeys.snapshot(aggregateId)));
    } catch (LmdbException e) {
      throw new EventLogStorageException(directory, "read a snapshot from", e);
    }
  }

  static byte[] encode(SnapshotRecord s) {
    byte[][] strings = {
      utf8(s.aggregateType()), utf8(s.eventId()), utf8(s.payloadType()), utf8(s.payloadRevision())
    };
    byte[] metadata = s.metadata();
    byte[] payload = s.payload();
    int size = 1 + 8 + 8 + 8 + 8 + metadata.length + payload.length + 8;
    for (byte[] string : strings) {
      size += string.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT).putLong(s.aggregateSequence()).putLong(s.timestamp().toEpochMilli());
    for (byte[] string : strings) {
      out.putShort((short) string.length).put(string);
    }
    out.putInt(metadata.length).put(metadata).putInt(payload.length).put(payload);
    out.putLong(Hashing.xxh3_64().hashBytesToLong(out.array(), 0, size - 8));
    return out.array();
  }

  static Optional<SnapshotRecord> decode(String aggregateId, byte[] value) {
    if (value == null
        || value.length < 1 + 8 + 8 + 8 + 8 + 8
        || value[0] != FORMAT
        || Hashing.xxh3_64().hashBytesToLong(value, 0, value.length - 8)
            != LogKeys.longAt(value, value.length - 8)) {
      return Optional.empty();
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(value, 1, value.length - 9);
      long aggregateSequence = in.getLong();
      Instant timestamp = Instant.ofEpochMilli(in.getLong());
      String aggregateType = string(in);
      String eventId = string(in);
      String payloadType = string(in);
      String payloadRevision = string(in);
      byte[] metadata = new byte[in.getInt()];
      in.get(metadata);
      byte[] payload = new byte[in.getInt()];
      in.get(payload);
      return Optional.of(
          new SnapshotRecord(
              aggregateType, aggregateId, aggregateSequence, eventId, timestamp,
              payloadType, payloadRevision, metadata, payload));
    } catch (RuntimeException e) {
      // A damaged cache entry: rebuilding from the events is always correct.
      return Optional.empty();
    }
  }

  private static String string(ByteBuffer in) {
    byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
