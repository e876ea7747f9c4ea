package io.statectl.kernel.store;

import java.nio.file.Path;

/**
 * A file in a tree being stored is neither a regular file, a directory nor a symbolic link (a
 * fifo, socket or device), which an archive cannot represent.
 */
public final class UnsupportedFileTypeException extends StoreException {
  private final transient Path path;
  private final String kind;

  public UnsupportedFileTypeException(Path path, String kind) {
    super(
        "Cannot store '"
            + path
            + "': it is a "
            + kind
            + ", and the store only holds regular files, directories and symbolic links."
            + " Remove it from the tree (or exclude it) and try again.");
    this.path = path;
    this.kind = kind;
  }

  /** The offending file. */
  public Path path() {
    return path;
  }

  /** What the file is, e.g. {@code "fifo"}, {@code "socket"}, {@code "character device"}. */
  public String kind() {
    return kind;
  }
}
