package io.statectl.kernel.git;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.nio.file.Path;

/** The configuration is in a git repository that could not be read; carries the configuration directory. */
public final class GitReadException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient Path configDir;

  public GitReadException(Path configDir, Exception cause) {
    super("cannot read the git repository of " + configDir + ": " + cause.getMessage()
        + "\n  hint: check it with `git status`; statectl records the commit each generation came from", cause);
    this.configDir = configDir;
  }

  public Path configDir() {
    return configDir;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.CONFIG_INVALID;
  }
}
