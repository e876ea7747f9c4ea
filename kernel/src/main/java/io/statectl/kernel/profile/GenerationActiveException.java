package io.statectl.kernel.profile;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** The active generation was asked to be deleted. */
public final class GenerationActiveException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final int number;

  public GenerationActiveException(String profile, int number) {
    super("generation " + number + " is the active generation of profile '" + profile + "' and cannot be deleted\n"
        + "  hint: switch to another generation first (`statectl switch --generation N`), or leave it out");
    this.number = number;
  }

  public int number() {
    return number;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.GENERATION_ACTIVE;
  }
}
