package io.statectl.shell.engine;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** A command was asked for something that cannot be done as asked. */
public final class UsageException extends KernelException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message, String hint) {
    super(message + "\n  hint: " + hint);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.USAGE;
  }
}
