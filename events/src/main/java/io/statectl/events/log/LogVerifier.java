package io.statectl.events.log;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * One pass of {@link EventLog#verify} over a range of the {@code log} database, in a read
 * transaction: each record's envelope and checksum, that sequences have no gaps, and that each
 * record names the SHA-256 of the one before.
 *
 * <p>Reads only fixed offsets and hashes; payloads are not parsed, which keeps it near the speed
 * of SHA-256 itself. A range may be checked without knowing the hash before it ({@link
 * #verifySegment}); {@link EventLog#verify} then checks that the segments join, so that long logs
 * are verified on every core.
 */
final class LogVerifier {

  private final Dbi<byte[]> log;
  private final Txn<byte[]> txn;
  private final MessageDigest sha256;

  LogVerifier(Dbi<byte[]> log, Txn<byte[]> txn, MessageDigest sha256) {
    this.log = log;
    this.txn = txn;
    this.sha256 = sha256;
  }

  /** From {@code from} to the end of the log, anchored on the record before {@code from}. */
  VerifyResult verify(long from) {
    byte[] expectedPrevious = new byte[RecordCodec.HASH_BYTES];
    if (from > 1) {
      byte[] anchor = log.get(txn, LogKeys.sequence(from - 1));
      if (anchor == null) {
        return new VerifyResult.Broken(
            from - 1, RecordProblem.MISSING, "the record before the start of the check is absent", 0);
      }
      expectedPrevious = sha256.digest(anchor);
    }
    Segment s = verifySegment(from, Long.MAX_VALUE, expectedPrevious);
    return s.broken() != null ? s.broken() : new VerifyResult.Ok(s.count(), from + s.count() - 1);
  }

  /**
   * The outcome of checking one range: {@code broken} (null when intact), how many records checked
   * out, the previous-hash field of its first record and the hash of its last one (for joining).
   */
  record Segment(VerifyResult.Broken broken, long count, byte[] firstPrevious, byte[] lastHash) {}

  /**
   * Checks {@code from..toInclusive} (or to the end). With {@code expectedPrevious} null the first
   * record's previous hash is not checked but returned, for the caller to join segments.
   */
  Segment verifySegment(long from, long toInclusive, byte[] expectedPrevious) {
    long expected = from;
    long count = 0;
    byte[] firstPrevious = null;
    byte[] previous = expectedPrevious;
    try (Cursor<byte[]> cursor = log.openCursor(txn)) {
      for (boolean found = cursor.get(LogKeys.sequence(from), GetOp.MDB_SET_RANGE);
          found;
          found = cursor.next()) {
        long sequence = LogKeys.sequence(cursor.key());
        if (sequence > toInclusive && sequence == expected) {
          break;
        }
        if (sequence != expected) {
          return new Segment(sequence < 0
              ? new VerifyResult.Broken(expected, RecordProblem.UNDECODABLE, "a key is not 8 bytes", count)
              : new VerifyResult.Broken(
                  expected, RecordProblem.MISSING, "the next record present is " + sequence, count),
              count, firstPrevious, previous);
        }
        byte[] value = cursor.val();
        try {
          RecordCodec.check(sequence, value);
        } catch (RecordCodec.MalformedRecordException e) {
          return new Segment(new VerifyResult.Broken(sequence, e.problem, e.getMessage(), count), count,
              firstPrevious, previous);
        }
        if (previous == null) {
          firstPrevious = Arrays.copyOfRange(value, RecordCodec.OFFSET_PREVIOUS_HASH, RecordCodec.OFFSET_VARIABLE);
        } else if (!RecordCodec.hasPreviousHash(value, previous)) {
          return new Segment(chainBroken(sequence, value, previous, count), count, firstPrevious, previous);
        }
        previous = sha256.digest(value);
        expected++;
        count++;
      }
    }
    return new Segment(null, count, firstPrevious, previous);
  }

  static VerifyResult.Broken chainBroken(long sequence, byte[] value, byte[] expected, long checkedBefore) {
    return new VerifyResult.Broken(
        sequence,
        RecordProblem.CHAIN_BROKEN,
        "it names previous hash "
            + HexFormat.of().formatHex(value, RecordCodec.OFFSET_PREVIOUS_HASH, RecordCodec.OFFSET_VARIABLE)
            + " but record "
            + (sequence - 1)
            + " hashes to "
            + HexFormat.of().formatHex(expected),
        checkedBefore);
  }
}
