package io.statectl.events;

/**
 * Base of every error the events module raises: subtypes carry the culprit (sequence, type,
 * aggregate, directory) as data for callers and the shell's error-code mapping.
 */
public abstract class EventLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected EventLogException(String message) {
    super(message);
  }

  protected EventLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
