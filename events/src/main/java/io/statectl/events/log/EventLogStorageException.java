package io.statectl.events.log;

import io.statectl.events.EventLogException;
import java.nio.file.Path;

/** The LMDB environment of the log could not be opened, read or written. */
public final class EventLogStorageException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final Path directory;
  private final String operation;

  public EventLogStorageException(Path directory, String operation, Throwable cause) {
    super(
        "cannot "
            + operation
            + " the event log at "
            + directory
            + ": "
            + cause
            + "; check that the directory is readable and writable, the disk is not full and no"
            + " older statectl holds it",
        cause);
    this.directory = directory;
    this.operation = operation;
  }

  /** The log's directory. */
  public Path directory() {
    return directory;
  }

  /** What was being done, e.g. {@code "append to"}. */
  public String operation() {
    return operation;
  }
}
