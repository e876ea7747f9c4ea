package io.statectl.shell.engine.cache;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** A {@code --substituters}, {@code --extra-substituters} or {@code --option} value that cannot be used; names the flag and word. */
public final class SubstituterFlagException extends KernelException {
  private static final long serialVersionUID = 1L;

  public SubstituterFlagException(String problem, String hint) {
    super(problem + "\n  hint: " + hint);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.SUBSTITUTER_FLAG_INVALID;
  }
}
