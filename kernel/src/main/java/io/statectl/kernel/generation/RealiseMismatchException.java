package io.statectl.kernel.generation;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.nio.file.Path;

/** A generation could not be realised again at its recorded store path. */
public final class RealiseMismatchException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final Path recorded;
  private final Path found;

  public RealiseMismatchException(String message, String hint, Path recorded, Path found) {
    super(message + "\n  hint: " + hint);
    this.recorded = recorded;
    this.found = found;
  }

  public Path recorded() {
    return recorded;
  }

  public Path found() {
    return found;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.REALISE_MISMATCH;
  }
}
