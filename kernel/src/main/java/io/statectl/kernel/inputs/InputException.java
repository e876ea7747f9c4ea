package io.statectl.kernel.inputs;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.Objects;

/**
 * An input could not be declared, locked, fetched or used; carries which input (empty for the
 * whole lock file) and the reason, which chooses the error code. The message says where and what to do.
 */
public final class InputException extends KernelException {
  private static final long serialVersionUID = 1L;

  /** What went wrong; each reason has its own code. */
  public enum Reason {
    DECLARATION_INVALID(ErrorCode.INPUT_DECLARATION_INVALID),
    REF_UNKNOWN(ErrorCode.INPUT_REF_UNKNOWN),
    UNREACHABLE(ErrorCode.INPUT_UNREACHABLE),
    HASH_MISMATCH(ErrorCode.INPUT_HASH_MISMATCH),
    CYCLE(ErrorCode.INPUT_CYCLE),
    NOT_LOCKED(ErrorCode.INPUT_NOT_LOCKED),
    LOCK_STALE(ErrorCode.INPUT_LOCK_STALE),
    LOCK_INVALID(ErrorCode.INPUT_LOCK_INVALID);

    private final ErrorCode code;

    Reason(ErrorCode code) {
      this.code = code;
    }
  }

  private final Reason reason;
  private final String input;

  public InputException(Reason reason, String input, String message, String hint) {
    super(message + "\n  hint: " + hint);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.input = Objects.requireNonNull(input, "input");
  }

  public InputException(Reason reason, String input, String message, String hint, Throwable cause) {
    super(message + "\n  hint: " + hint, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.input = Objects.requireNonNull(input, "input");
  }

  public Reason reason() {
    return reason;
  }

  /** The input's name; empty when the problem is the lock file as a whole. */
  public String input() {
    return input;
  }

  @Override
  public ErrorCode code() {
    return reason.code;
  }
}
