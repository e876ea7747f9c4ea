package io.statectl.kernel.users;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** The declared accounts cannot be applied to a root; nothing of its account files was written. */
public final class UsersException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public UsersException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
