package io.statectl.events.log;

import io.statectl.api.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * The append-only event log: records keyed by a global sequence from 1 without gaps, each with an
 * XXH3-64 checksum and the SHA-256 of the record before it, in an LMDB environment.
 *
 * <p>Thread-safe. Every read runs in its own LMDB read transaction, so readers see a consistent
 * snapshot, never block writers and never see a torn append. Appends are serialised by LMDB's
 * writer lock (also across processes) and are durable when {@link #append} returns; appends that
 * arrive together from several threads share one commit (group commit). Reads check
 * each record's checksum and throw {@link CorruptRecordException} rather than return a bad
 * record; the hash chain is only checked by {@link #verify}. {@link #close} must only be called
 * once no other thread uses the log.
 *
 * <p>Over 400 lines on purpose: append, group commit, read and verify share the record encoding
 * and the LMDB transactions that keep the chain consistent; the encoding itself is in LogRecord.
 */
public final class EventLog implements AutoCloseable {

  /** Map size: LMDB reserves address space, not disk, so this is the log's ceiling, not its size. */
  static final long MAP_SIZE = 4L << 30;

  static final String LOG_DB = "log";
  static final String AGGREGATES_DB = "aggregates";
  static final String SNAPSHOTS_DB = "snapshots";

  private final Path directory;
  private final Env<byte[]> env;
  private final Dbi<byte[]> log;
  private final Dbi<byte[]> aggregates;
  private final SnapshotStore snapshots;
  private final AppendQueue appends = new AppendQueue(this::appendGroup);

  private EventLog(Path directory, Env<byte[]> env) {
    this.directory = directory;
    this.env = env;
    this.log = env.openDbi(LOG_DB, DbiFlags.MDB_CREATE);
    this.aggregates = env.openDbi(AGGREGATES_DB, DbiFlags.MDB_CREATE);
    this.snapshots = new SnapshotStore(directory, env, env.openDbi(SNAPSHOTS_DB, DbiFlags.MDB_CREATE));
  }

  /**
   * Opens the log in {@code directory}, creating the directory and an empty log when absent.
   *
   * @throws EventLogStorageException when the directory or the environment cannot be opened
   */
  public static EventLog open(Path directory) {
    Path dir = directory.toAbsolutePath();
    Env<byte[]> env = null;
    try {
      Files.createDirectories(dir);
      // MDB_NOTLS: read transactions are not bound to a thread (Axon hands work between threads).
      env =
          Env.create(ByteArrayProxy.PROXY_BA)
              .setMapSize(MAP_SIZE)
              .setMaxDbs(3)
              .open(dir.toFile(), EnvFlags.MDB_NOTLS);
      return new EventLog(dir, env);
    } catch (IOException | LmdbException e) {
      if (env != null) {
        env.close();
      }
      throw new EventLogStorageException(dir, "open", e);
    }
  }

  /** The directory holding the LMDB environment. */
  public Path directory() {
    return directory;
  }

  /**
   * Appends events in one transaction, assigning consecutive sequences after the last one.
   *
   * <p>All or nothing: if any (aggregate id, aggregate sequence) is already in the log, or twice
   * in the batch, nothing is written. Durable on return.
   *
   * @return the stored records, in order
   * @throws DuplicateAggregateSequenceException when an aggregate sequence is taken
   * @throws EventLogStorageException when LMDB fails, e.g. the map is full
   */
  public List<LogRecord> append(List<NewEvent> events) {
    List<NewEvent> batch = List.copyOf(events);
    if (batch.isEmpty()) {
      return List.of();
    }
    return appends.append(batch);
  }

  /**
   * Commits several callers' batches in one transaction (group commit, see {@link AppendQueue}).
   * A batch whose aggregate sequences are taken — in the log, earlier in the group, or twice in
   * itself — is refused alone, before anything of it is written.
   */
  private List<Object> appendGroup(List<List<NewEvent>> batches) {
    return guarded("append to", () -> {
      MessageDigest sha256 = sha256();
      try (Txn<byte[]> txn = env.txnWrite()) {
        long sequence = 0;
        byte[] previousHash = new byte[RecordCodec.HASH_BYTES];
        try (Cursor<byte[]> cursor = log.openCursor(txn)) {
          if (cursor.last()) {
            sequence = LogKeys.sequence(cursor.key());
            previousHash = sha256.digest(cursor.val());
          }
        }
        List<Object> results = new ArrayList<>(batches.size());
        for (List<NewEvent> batch : batches) {
          RuntimeException refused = duplicate(txn, batch);
          if (refused != null) {
            results.add(refused);
            continue;
          }
          List<LogRecord> stored = new ArrayList<>(batch.size());
          for (NewEvent event : batch) {
            sequence++;
            byte[] key = LogKeys.sequence(sequence);
            aggregates.put(txn, LogKeys.aggregate(event.aggregateId(), event.aggregateSequence()), key);
            byte[] value = RecordCodec.encode(sequence, event, previousHash);
            log.put(txn, key, value, PutFlags.MDB_APPEND);
            stored.add(decodeStored(sequence, value));
            previousHash = sha256.digest(value);
          }
          results.add(List.copyOf(stored));
        }
        txn.commit();
        if (sequence > 0) {
          ChainHead.of(sequence, previousHash).write(directory);
        }
        return results;
      }
    });
  }

  /** The refusal of a batch whose aggregate sequence is already taken, or null when it is free. */
  private DuplicateAggregateSequenceException duplicate(Txn<byte[]> txn, List<NewEvent> batch) {
    java.util.Set<String> inBatch = new java.util.HashSet<>();
    for (NewEvent event : batch) {
      byte[] existing = aggregates.get(txn, LogKeys.aggregate(event.aggregateId(), event.aggregateSequence()));
      if (existing != null) {
        return new DuplicateAggregateSequenceException(
            event.aggregateId(), event.aggregateSequence(), LogKeys.sequence(existing));
      }
      if (!inBatch.add(event.aggregateId() + "\0" + event.aggregateSequence())) {
        return new DuplicateAggregateSequenceException(event.aggregateId(), event.aggregateSequence(), 0);
      }
    }
    return null;
  }

  /** The anchored head as last written after a commit (see {@link ChainHead}). */
  public Optional<ChainHead> head() {
    return ChainHead.read(directory);
  }

  /** The head the log itself has now: its last sequence and that record's hash (empty log: empty). */
  public Optional<ChainHead> logHead() {
    return guarded("read", () -> {
      try (Txn<byte[]> txn = env.txnRead();
          Cursor<byte[]> cursor = log.openCursor(txn)) {
        return cursor.last() ? Optional.of(ChainHead.of(LogKeys.sequence(cursor.key()), sha256().digest(cursor.val())))
            : Optional.<ChainHead>empty();
      }
    });
  }

  /** The hash of record {@code sequence}, empty when the log has no such record. */
  public Optional<String> hashOf(long sequence) {
    return guarded("read", () -> {
      try (Txn<byte[]> txn = env.txnRead()) {
        byte[] value = log.get(txn, LogKeys.sequence(sequence));
        return Optional.ofNullable(value).map(v -> java.util.HexFormat.of().formatHex(sha256().digest(v)));
      }
    });
  }

  /** Rewrites the anchored head from the log as it is now (the user accepted this log). */
  public Optional<ChainHead> reanchor() {
    Optional<ChainHead> now = logHead();
    now.ifPresent(h -> h.write(directory));
    return now;
  }

  /** The last global sequence, 0 when the log is empty. */
  public long lastSequence() {
    return guarded(
        "read",
        () -> {
          try (Txn<byte[]> txn = env.txnRead();
              Cursor<byte[]> cursor = log.openCursor(txn)) {
            return cursor.last() ? LogKeys.sequence(cursor.key()) : 0L;
          }
        });
  }

  /** The record at {@code sequence}, empty when there is none. */
  public Optional<LogRecord> read(long sequence) {
    return guarded(
        "read",
        () -> {
          try (Txn<byte[]> txn = env.txnRead()) {
            byte[] value = log.get(txn, LogKeys.sequence(sequence));
            return Optional.ofNullable(value).map(v -> decodeStored(sequence, v));
          }
        });
  }

  /**
   * Streams the records from {@code fromInclusive} to {@code toInclusive} (clamped to the log) to
   * {@code action}, in order, from one read transaction.
   *
   * <p>The transaction stays open while {@code action} runs: the action sees one consistent
   * snapshot, and appends made meanwhile are not included.
   */
  public void forEach(long fromInclusive, long toInclusive, Consumer<? super LogRecord> action) {
    Objects.requireNonNull(action, "action");
    guarded(
        "read",
        () -> {
          try (Txn<byte[]> txn = env.txnRead();
              Cursor<byte[]> cursor = log.openCursor(txn)) {
            boolean found = cursor.get(LogKeys.sequence(Math.max(1, fromInclusive)), GetOp.MDB_SET_RANGE);
            while (found) {
              long sequence = LogKeys.sequence(cursor.key());
              if (sequence > toInclusive) {
                break;
              }
              action.accept(decodeStored(sequence, cursor.val()));
              found = cursor.next();
            }
          }
          return null;
        });
  }

  /** Up to {@code maxCount} records from {@code fromInclusive} on, from one read transaction. */
  public List<LogRecord> readBatch(long fromInclusive, int maxCount) {
    if (maxCount < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + maxCount);
    }
    List<LogRecord> batch = new ArrayList<>(Math.min(maxCount, 1024));
    long from = Math.max(1, fromInclusive);
    long to = from > Long.MAX_VALUE - maxCount ? Long.MAX_VALUE : from + maxCount - 1;
    forEach(from, to, batch::add);
    return batch;
  }

  /**
   * The records of one aggregate from {@code fromAggregateSequence} on, in aggregate order, from
   * one read transaction; empty when the aggregate has none.
   */
  public List<LogRecord> readAggregate(String aggregateId, long fromAggregateSequence) {
    byte[] prefix = LogKeys.aggregatePrefix(aggregateId);
    return guarded(
        "read",
        () -> {
          List<LogRecord> records = new ArrayList<>();
          try (Txn<byte[]> txn = env.txnRead();
              Cursor<byte[]> cursor = aggregates.openCursor(txn)) {
            byte[] start = LogKeys.aggregate(aggregateId, Math.max(0, fromAggregateSequence));
            boolean found = cursor.get(start, GetOp.MDB_SET_RANGE);
            while (found && LogKeys.isAggregateKey(cursor.key(), prefix)) {
              long sequence = LogKeys.sequence(cursor.val());
              byte[] value = log.get(txn, cursor.val());
              if (value == null) {
                throw new CorruptRecordException(
                    directory, sequence, RecordProblem.MISSING,
                    "the aggregate index of " + aggregateId + " points to it but it is absent");
              }
              records.add(decodeStored(sequence, value));
              found = cursor.next();
            }
          }
          return List.copyOf(records);
        });
  }

  /** The highest aggregate sequence recorded for {@code aggregateId}, empty when it has none. */
  public OptionalLong lastAggregateSequence(String aggregateId) {
    byte[] prefix = LogKeys.aggregatePrefix(aggregateId);
    return guarded(
        "read",
        () -> {
          try (Txn<byte[]> txn = env.txnRead();
              Cursor<byte[]> cursor = aggregates.openCursor(txn)) {
            // Seek just above this aggregate's keys, then step back onto its last one.
            boolean found = cursor.get(LogKeys.aggregateUpperBound(aggregateId), GetOp.MDB_SET_RANGE)
                ? cursor.prev()
                : cursor.last();
            return found && LogKeys.isAggregateKey(cursor.key(), prefix)
                ? OptionalLong.of(LogKeys.aggregateSequence(cursor.key()))
                : OptionalLong.empty();
          }
        });
  }

  /**
   * The first sequence whose timestamp is at or after {@code instant}, empty when none is.
   *
   * <p>Scans from the start reading only the fixed timestamp field: timestamps come from clocks and
   * need not be monotonic, so there is no index to search.
   */
  public OptionalLong firstSequenceAtOrAfter(Instant instant) {
    long millis = instant.toEpochMilli();
    return guarded(
        "read",
        () -> {
          try (Txn<byte[]> txn = env.txnRead();
              Cursor<byte[]> cursor = log.openCursor(txn)) {
            for (boolean found = cursor.first(); found; found = cursor.next()) {
              byte[] value = cursor.val();
              if (value.length >= RecordCodec.MIN_LENGTH && RecordCodec.timestampMillis(value) >= millis) {
                return OptionalLong.of(LogKeys.sequence(cursor.key()));
              }
            }
            return OptionalLong.empty();
          }
        });
  }

  /**
   * Recomputes every checksum and the hash chain from {@code fromInclusive} to the end of the log.
   *
   * <p>For a start after 1 the chain is anchored on the record before it, which is hashed but not
   * itself checked. Runs in one read transaction, concurrently with appends.
   *
   * @return {@link VerifyResult.Ok} with the count, or {@link VerifyResult.Broken} naming the first
   *     bad sequence
   */
  public VerifyResult verify(long fromInclusive) {
    if (fromInclusive < 1) {
      throw new IllegalArgumentException("log sequences start at 1: " + fromInclusive);
    }
    long last = lastSequence();
    int parts = (int) Math.min(Runtime.getRuntime().availableProcessors(),
        Math.max(1, (last - fromInclusive + 1) / PARALLEL_VERIFY_MIN));
    if (parts <= 1) {
      return guarded(
          "verify",
          () -> {
            try (Txn<byte[]> txn = env.txnRead()) {
              return new LogVerifier(log, txn, sha256()).verify(fromInclusive);
            }
          });
    }
    return verifyInParallel(fromInclusive, last, parts);
  }

  /** Below this many records per core, verification runs on one thread. */
  static final long PARALLEL_VERIFY_MIN = 100_000;

  /**
   * Splits {@code from..last} (the last part runs on to the log's end) into {@code parts} segments,
   * each checked in its own read transaction on its own thread, then checks that each segment's
   * first record names the hash of the previous segment's last one. The records up to {@code last}
   * never change (the log only grows), so the transactions need not share a snapshot. Reports the
   * first bad sequence, as a sequential check would.
   */
  private VerifyResult verifyInParallel(long from, long last, int parts) {
    long size = (last - from + 1) / parts;
    List<java.util.concurrent.CompletableFuture<LogVerifier.Segment>> futures = new ArrayList<>();
    futures.add(null); // the first segment runs on this thread, anchored on the record before it
    for (int i = 1; i < parts; i++) {
      long start = from + i * size;
      long end = i == parts - 1 ? Long.MAX_VALUE : start + size - 1;
      futures.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> guarded("verify", () -> {
        try (Txn<byte[]> txn = env.txnRead()) {
          return new LogVerifier(log, txn, sha256()).verifySegment(start, end, null);
        }
      })));
    }
    LogVerifier.Segment head = guarded("verify", () -> {
      try (Txn<byte[]> txn = env.txnRead()) {
        byte[] anchor = new byte[RecordCodec.HASH_BYTES];
        if (from > 1) {
          byte[] before = log.get(txn, LogKeys.sequence(from - 1));
          if (before == null) {
            return new LogVerifier.Segment(new VerifyResult.Broken(from - 1, RecordProblem.MISSING,
                "the record before the start of the check is absent", 0), 0, null, null);
          }
          anchor = sha256().digest(before);
        }
        return new LogVerifier(log, txn, sha256()).verifySegment(from, from + size - 1, anchor);
      }
    });
    // Wait for every segment before answering: an early answer lets the caller close the
    // environment while another segment still reads its memory map (a native crash).
    java.util.concurrent.CompletableFuture.allOf(futures.subList(1, futures.size())
        .toArray(new java.util.concurrent.CompletableFuture<?>[0])).exceptionally(x -> null).join();
    long checked = 0;
    LogVerifier.Segment previous = head;
    for (int i = 0; i < parts; i++) {
      LogVerifier.Segment s = i == 0 ? head : futures.get(i).join();
      if (i > 0 && s.firstPrevious() != null
          && !java.util.Arrays.equals(s.firstPrevious(), previous.lastHash())) {
        long sequence = from + i * size;
        return new VerifyResult.Broken(sequence, RecordProblem.CHAIN_BROKEN, "it names previous hash "
            + java.util.HexFormat.of().formatHex(s.firstPrevious()) + " but record " + (sequence - 1) + " hashes to "
            + java.util.HexFormat.of().formatHex(previous.lastHash()), checked);
      }
      if (s.broken() != null) {
        VerifyResult.Broken b = s.broken();
        return new VerifyResult.Broken(b.sequence(), b.problem(), b.detail(), checked + b.checkedBefore());
      }
      checked += s.count();
      previous = s;
    }
    return new VerifyResult.Ok(checked, from + checked - 1);
  }

  /** The aggregate snapshots kept beside the log (a cache: never part of history). */
  public SnapshotStore snapshots() {
    return snapshots;
  }

  /** Closes the LMDB environment; the log must no longer be in use by any thread. */
  @Override
  public void close() {
    env.close();
  }

  private LogRecord decodeStored(long sequence, byte[] value) {
    try {
      return RecordCodec.decode(sequence, value);
    } catch (RecordCodec.MalformedRecordException e) {
      throw new CorruptRecordException(directory, sequence, e.problem, e.getMessage());
    }
  }

  private <T> T guarded(String operation, Supplier<T> work) {
    try {
      return work.get();
    } catch (LmdbException e) {
      throw new EventLogStorageException(directory, operation, e);
    }
  }

  static MessageDigest sha256() {
    return Sha256.newDigest();
  }
}
