package io.statectl.events;

/** An event's JSON payload could not be written or read back into its record. */
public final class EventPayloadException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final long sequence;

  /**
   * @param sequence the global sequence of the record, or 0 when the event was not read from the
   *     log
   */
  public EventPayloadException(String type, long sequence, Throwable cause) {
    super(
        "cannot "
            + (sequence > 0 ? "read the payload of " + type + " at sequence " + sequence : "encode " + type)
            + ": "
            + cause.getMessage()
            + (sequence > 0 ? "; run 'statectl history --verify' to check the log" : ""),
        cause);
    this.type = type;
    this.sequence = sequence;
  }

  /** The short type name of the event. */
  public String type() {
    return type;
  }

  /** The global sequence of the record, 0 when not read from the log. */
  public long sequence() {
    return sequence;
  }
}
