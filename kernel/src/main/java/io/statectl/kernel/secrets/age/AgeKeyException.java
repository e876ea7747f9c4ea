package io.statectl.kernel.secrets.age;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/**
 * A recipient or identity could not be used: missing, unreadable, malformed or of an unsupported
 * kind. {@link #source()} names the file or value; the message says what to do. Never contains
 * key material.
 */
public final class AgeKeyException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final String source;

  public AgeKeyException(String source, String message) {
    super(message);
    this.source = source;
  }

  public String source() {
    return source;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.SECRET_KEY_INVALID;
  }
}
