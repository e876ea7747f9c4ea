package io.statectl.shell.engine;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/** The user cancelled the request (Ctrl-C) before it committed a change; carries the step it stopped before. */
public final class CancelledException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final String step;

  public CancelledException(String step) {
    super("cancelled before " + step + ": nothing was activated, the active generation is unchanged");
    this.step = step;
  }

  public String step() {
    return step;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.CANCELLED;
  }
}
