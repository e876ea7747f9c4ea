package io.statectl.kernel.sandbox;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** A builder could not be started at all (as opposed to a builder that failed). */
public final class SandboxException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final String builder;

  public SandboxException(String builder, String message, Throwable cause) {
    super("cannot start the builder " + builder + ": " + message, cause);
    this.builder = builder;
  }

  public String builder() {
    return builder;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.BUILD_FAILED;
  }
}
