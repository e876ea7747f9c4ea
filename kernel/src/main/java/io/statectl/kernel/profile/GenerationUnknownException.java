package io.statectl.kernel.profile;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** A generation number that the profile never had. */
public final class GenerationUnknownException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final String profile;
  private final int number;

  public GenerationUnknownException(String profile, int number, int last) {
    super(last == 0
        ? "profile '" + profile + "' has no generations yet\n  hint: run `statectl apply` first"
        : "profile '" + profile + "' has no generation " + number + " (it has 1.." + last + ")\n"
            + "  hint: `statectl generations` lists them");
    this.profile = profile;
    this.number = number;
  }

  public String profile() {
    return profile;
  }

  public int number() {
    return number;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.GENERATION_UNKNOWN;
  }
}
