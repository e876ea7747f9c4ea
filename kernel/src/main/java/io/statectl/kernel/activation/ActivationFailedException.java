package io.statectl.kernel.activation;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.nio.file.Path;

/** A step of an activation failed while it was being carried out. */
public final class ActivationFailedException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  public ActivationFailedException(Path path, String what, Throwable cause) {
    super("activation failed at " + path + ": " + what + ": " + cause.getMessage()
        + "\n  hint: fix the cause and rerun; the previous generation's link was left in place", cause);
    this.path = path;
  }

  public Path path() {
    return path;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.STORE_ERROR;
  }
}
