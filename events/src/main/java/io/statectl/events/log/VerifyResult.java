package io.statectl.events.log;

import java.util.Objects;

/** The outcome of {@link EventLog#verify(long)}: every record checked out, or the first one that did not. */
public sealed interface VerifyResult {

  /** Whether every checked record was intact. */
  default boolean isOk() {
    return this instanceof Ok;
  }

  /**
   * Every record from the start of the check to the end of the log is intact and chained.
   *
   * @param count how many records were checked (0 when the range was empty)
   * @param lastSequence the last sequence checked, or the one before the start when none was
   */
  record Ok(long count, long lastSequence) implements VerifyResult {
    public Ok {
      if (count < 0 || lastSequence < 0) {
        throw new IllegalArgumentException("negative count or sequence: " + count + ", " + lastSequence);
      }
    }
  }

  /**
   * The first record that is not intact; records after it were not checked.
   *
   * @param sequence the global sequence of the bad (or missing) record
   * @param problem what is wrong with it
   * @param detail human-readable detail: expected and found values
   * @param checkedBefore how many records before it checked out
   */
  record Broken(long sequence, RecordProblem problem, String detail, long checkedBefore)
      implements VerifyResult {
    public Broken {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
