package io.statectl.kernel.profile;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** The profile changed between reading it and recording a change: the command is stale. */
public final class ConcurrentProfileChangeException extends KernelException {
  private static final long serialVersionUID = 1L;

  public ConcurrentProfileChangeException(String profile, int expected, int actual) {
    super("profile '" + profile + "' changed meanwhile: expected generation " + expected
        + " to be active, but " + actual + " is\n  hint: another statectl ran at the same time; rerun the command");
  }

  public ConcurrentProfileChangeException(String profile, Throwable cause) {
    super("profile '" + profile + "' was changed by another statectl at the same time: " + cause.getMessage()
        + "\n  hint: rerun the command", cause);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.CONCURRENT_CHANGE;
  }
}
