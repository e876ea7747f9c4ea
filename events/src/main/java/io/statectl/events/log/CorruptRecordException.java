package io.statectl.events.log;

import io.statectl.events.EventLogException;
import java.nio.file.Path;

/** A record read from the log failed its integrity check; nothing was returned for it. */
public final class CorruptRecordException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final long sequence;
  private final RecordProblem problem;
  private final String detail;

  public CorruptRecordException(Path directory, long sequence, RecordProblem problem, String detail) {
    super(
        "event log record "
            + sequence
            + " in "
            + directory
            + " is corrupt ("
            + problem
            + ": "
            + detail
            + "); run 'statectl history --verify' and restore the log from a backup");
    this.sequence = sequence;
    this.problem = problem;
    this.detail = detail;
  }

  /** The global sequence of the bad record. */
  public long sequence() {
    return sequence;
  }

  /** What is wrong with it. */
  public RecordProblem problem() {
    return problem;
  }

  /** Expected and found values. */
  public String detail() {
    return detail;
  }
}
