package io.statectl.shell.engine.inspect;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** {@code history --verify}: the log disagrees with its anchored head (truncated, rolled back or rewritten). */
public final class ChainHeadException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient ErrorCode code;

  public ChainHeadException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
