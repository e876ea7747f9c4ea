package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.Path;

/** A file-system operation of the store failed; {@link #path()} is the file it failed on. */
public final class StoreIoException extends StoreException {
  private final transient Path path;

  public StoreIoException(Path path, String action, IOException cause) {
    super(
        "Cannot "
            + action
            + " '"
            + path
            + "': "
            + describe(cause)
            + ". Check that the path exists and that statectl may read and write there.",
        cause);
    this.path = path;
  }

  /** The file the operation failed on. */
  public Path path() {
    return path;
  }

  private static String describe(IOException cause) {
    String message = cause.getMessage();
    String type = cause.getClass().getSimpleName();
    return message == null ? type : type + " (" + message + ")";
  }
}
