package io.statectl.events.log;

/** What is wrong with a stored record, as found by reading or verifying the log. */
public enum RecordProblem {
  /** The record's bytes do not hash to its stored XXH3-64 checksum: it was altered or torn. */
  CHECKSUM_MISMATCH,
  /** The record does not name the SHA-256 of the record before it: history was rewritten. */
  CHAIN_BROKEN,
  /** The record's checksum holds but its envelope cannot be read (format, lengths, key). */
  UNDECODABLE,
  /** A sequence between the first and the last record has no record. */
  MISSING
}
