package io.statectl.kernel.gc;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.nio.file.Path;

/** {@code --out-link} names a file or directory that is not a symlink; statectl replaces only links. */
public final class OutLinkOccupiedException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  public OutLinkOccupiedException(Path path) {
    super("cannot create the out-link " + path + ": a file that is not a symlink is in the way (nothing was changed)"
        + "\n  hint: move it away, pass another --out-link PATH, or --no-out-link");
    this.path = path;
  }

  /** The occupied out-link location. */
  public Path path() {
    return path;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.OUT_LINK_OCCUPIED;
  }
}
