package io.statectl.events;

/**
 * Something tried to record an object whose class is not a registered {@link StatectlEvent}: only
 * the sealed hierarchy may enter the log.
 */
public final class UnregisteredEventClassException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final String className;

  public UnregisteredEventClassException(String className) {
    super(
        "cannot record an event of class "
            + className
            + ": it is not a StatectlEvent registered in EventTypes; add the record to the sealed"
            + " StatectlEvent hierarchy and to EventTypes");
    this.className = className;
  }

  /** The fully qualified class name that was refused. */
  public String className() {
    return className;
  }
}
