package io.statectl.shell.engine.install;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** {@code install} refused before writing anything to the root. */
public final class InstallException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  InstallException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
