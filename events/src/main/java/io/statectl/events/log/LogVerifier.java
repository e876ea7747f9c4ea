package io.statectl.events.log;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * One pass of {@link EventLog#verify}: walks the {@code log} database in a read transaction,
 * checking each record's envelope and checksum, that sequences have no gaps, and that each record
 * names the SHA-256 of the one before.
 *
 * <p>Reads only fixed offsets and hashes; payloads are not parsed, which keeps it near the speed
 * of SHA-256 itself.
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
    long expected = from;
    long count = 0;
    try (Cursor<byte[]> cursor = log.openCursor(txn)) {
      for (boolean found = cursor.get(LogKeys.sequence(from), GetOp.MDB_SET_RANGE);
          found;
          found = cursor.next()) {
        long sequence = LogKeys.sequence(cursor.key());
        if (sequence != expected) {
          return sequence < 0
              ? new VerifyResult.Broken(expected, RecordProblem.UNDECODABLE, "a key is not 8 bytes", count)
              : new VerifyResult.Broken(
                  expected, RecordProblem.MISSING, "the next record present is " + sequence, count);
        }
        byte[] value = cursor.val();
        try {
          RecordCodec.check(sequence, value);
        } catch (RecordCodec.MalformedRecordException e) {
          return new VerifyResult.Broken(sequence, e.problem, e.getMessage(), count);
        }
        if (!RecordCodec.hasPreviousHash(value, expectedPrevious)) {
          return new VerifyResult.Broken(
              sequence,
              RecordProblem.CHAIN_BROKEN,
              "it names previous hash "
                  + HexFormat.of().formatHex(value, RecordCodec.OFFSET_PREVIOUS_HASH, RecordCodec.OFFSET_VARIABLE)
                  + " but record "
                  + (sequence - 1)
                  + " hashes to "
                  + HexFormat.of().formatHex(expectedPrevious),
              count);
        }
        expectedPrevious = sha256.digest(value);
        expected++;
        count++;
      }
    }
    return new VerifyResult.Ok(count, expected - 1);
  }
}
