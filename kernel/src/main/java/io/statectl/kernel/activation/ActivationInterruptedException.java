package io.statectl.kernel.activation;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/**
 * An activation a crash interrupted could be neither rolled back nor forward (its journal is
 * unreadable, or its generation left the store); the journal is kept, so every later command
 * that changes the state stops here until it is dealt with.
 */
public final class ActivationInterruptedException extends KernelException {
  private static final long serialVersionUID = 1L;

  public ActivationInterruptedException(String profile, int number, String why) {
    super("an interrupted activation" + (number > 0 ? " of generation " + number : "") + " (profile " + profile
        + ") cannot be recovered: " + why
        + "\n  hint: `statectl status` shows how the home differs; `statectl apply --repair` puts the active"
        + " generation back, then delete <state>/journal/" + profile);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.ACTIVATION_INTERRUPTED;
  }
}
