package io.statectl.shell.engine.apply;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** A backup that does not exist, or whose destination is occupied. */
public final class BackupUnknownException extends KernelException {
  private static final long serialVersionUID = 1L;

  public BackupUnknownException(String message, String hint) {
    super(message + "\n  hint: " + hint);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.BACKUP_UNKNOWN;
  }
}
