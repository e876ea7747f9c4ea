package io.statectl.shell.engine.session;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.nio.file.Path;

/** Another statectl held the writer lock for longer than {@code --wait-timeout}. */
public final class WriterBusyException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final Path lock;

  public WriterBusyException(Path lock, String holder, String waited) {
    super("gave up waiting after " + waited + ": " + holder + " (" + lock + ")\n"
        + "  hint: wait for it to finish and rerun, or pass a longer --wait-timeout (default: wait as long as it takes)");
    this.lock = lock;
  }

  public Path lock() {
    return lock;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.WRITER_BUSY;
  }
}
