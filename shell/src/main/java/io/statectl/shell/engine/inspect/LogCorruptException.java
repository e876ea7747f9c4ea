package io.statectl.shell.engine.inspect;

import io.statectl.events.log.VerifyResult;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** {@code history --verify} found a record that is not intact. */
public final class LogCorruptException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final long sequence;

  public LogCorruptException(VerifyResult.Broken broken, String logDir) {
    super("event log " + logDir + " is corrupt at sequence " + broken.sequence() + ": "
        + broken.problem().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + broken.detail()
        + "); " + broken.checkedBefore() + " record(s) before it are intact\n"
        + "  hint: restore " + logDir + " from a backup; records from sequence " + broken.sequence()
        + " on cannot be trusted");
    this.sequence = broken.sequence();
  }

  public long sequence() {
    return sequence;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.LOG_CORRUPT;
  }
}
