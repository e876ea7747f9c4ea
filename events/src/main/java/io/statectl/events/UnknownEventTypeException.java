package io.statectl.events;

/**
 * A stored event names a type, or a schema version of it, that this statectl does not know: a
 * newer statectl wrote the log.
 */
public final class UnknownEventTypeException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int schemaVersion;
  private final long sequence;

  /**
   * @param sequence the global sequence of the record, or 0 when the event was not read from the
   *     log
   */
  public UnknownEventTypeException(String type, int schemaVersion, long sequence) {
    super(
        "event type "
            + type
            + " (schema "
            + schemaVersion
            + ")"
            + (sequence > 0 ? " at sequence " + sequence : "")
            + " is unknown to this statectl: a newer statectl wrote this log; upgrade statectl");
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.sequence = sequence;
  }

  /** The short type name as stored. */
  public String type() {
    return type;
  }

  /** The schema version as stored. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** The global sequence of the record, 0 when not read from the log. */
  public long sequence() {
    return sequence;
  }
}
