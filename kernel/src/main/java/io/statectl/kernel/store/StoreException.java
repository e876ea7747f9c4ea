package io.statectl.kernel.store;

/**
 * Base of every failure raised by the store; subtypes carry the culprit (a path, a store path, an
 * input string) as data so callers can act on it without parsing the message.
 */
public abstract class StoreException extends RuntimeException {
  protected StoreException(String message) {
    super(message);
  }

  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
