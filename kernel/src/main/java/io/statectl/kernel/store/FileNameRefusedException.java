package io.statectl.kernel.store;

import io.statectl.kernel.ErrorCode;
import java.nio.file.Path;

/** A file in a tree being added has a name the store refuses (one with a newline in it). */
public final class FileNameRefusedException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  public FileNameRefusedException(Path path) {
    super("Cannot store " + path.toString().replace("\n", "\\n") + ": its name contains a newline, which "
        + "breaks every line-based tool that lists store contents. Rename it and try again (nothing was added).");
    this.path = path;
  }

  /** The offending file. */
  public Path path() {
    return path;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.FILE_NAME_REFUSED;
  }
}
