package io.statectl.kernel;

/**
 * Base of every error the kernel reports to a user. Subtypes carry the culprit as data; the
 * message says what failed, where, and what to do. The shell maps {@link #code()} to an exit
 * code in one place.
 */
public abstract class KernelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected KernelException(String message) {
    super(message);
  }

  protected KernelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable error code such as {@code STC-E001}; never reused for another meaning. */
  public abstract ErrorCode code();
}
