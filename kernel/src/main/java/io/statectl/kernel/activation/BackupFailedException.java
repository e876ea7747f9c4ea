package io.statectl.kernel.activation;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.nio.file.Path;

/**
 * A file in the way could not be sealed into the store (or its backup not recorded), so it was not
 * replaced: the activation stops with the file as it was, and what it did before is rolled back.
 */
public final class BackupFailedException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient Path live;

  public BackupFailedException(Path live, Throwable cause) {
    super("cannot back up " + live + " into the store: " + reason(cause) + "\n  " + live
        + " was left as it was and nothing was lost; the previous generation stays active"
        + "\n  hint: " + (reason(cause).contains("No space left") ? "free space on the store's file system (df) and rerun"
            : "fix the cause and rerun"), cause);
    this.live = live;
  }

  private static String reason(Throwable cause) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (String.valueOf(c.getMessage()).contains("No space left on device")) {
        return "No space left on device";
      }
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /** The file that was not backed up (and not replaced). */
  public Path live() {
    return live;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.BACKUP_FAILED;
  }
}
