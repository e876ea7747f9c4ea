package io.statectl.kernel.profile;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** A generation that {@code statectl gc} deleted was asked to be activated. */
public final class GenerationDeletedException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final int number;

  public GenerationDeletedException(String profile, int number) {
    super("generation " + number + " of profile '" + profile + "' was deleted by `statectl gc`\n"
        + "  hint: `statectl replay --to-generation " + number + " --apply` realises it again from its recorded"
        + " configuration and activates it");
    this.number = number;
  }

  public int number() {
    return number;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.GENERATION_UNKNOWN;
  }
}
