package io.statectl.kernel.boot;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/**
 * A boot request or boot configuration was refused before anything under the root's
 * {@code /boot} changed. The generation it is about is carried as data (0 when none).
 */
public final class BootException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;
  private final int generation;

  public BootException(ErrorCode code, int generation, String message, String hint) {
    super(message + "\n  hint: " + hint);
    this.code = code;
    this.generation = generation;
  }

  @Override
  public ErrorCode code() {
    return code;
  }

  /** The generation the refusal is about, 0 when it is about none. */
  public int generation() {
    return generation;
  }
}
