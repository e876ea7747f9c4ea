package io.statectl.kernel.store;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;

/**
 * Base of every failure raised by the store; subtypes carry the culprit (a path, a store path, an
 * input string) as data so callers can act on it without parsing the message. All map to {@link
 * ErrorCode#STORE_ERROR} unless a subtype says otherwise.
 */
public abstract class StoreException extends KernelException {
  protected StoreException(String message) {
    super(message);
  }

  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.STORE_ERROR;
  }
}
