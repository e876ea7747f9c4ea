package io.statectl.kernel.store;

import java.nio.file.Path;

/** The path index database failed; {@link #environment()} is its directory. */
public final class PathIndexException extends StoreException {
  private final transient Path environment;

  public PathIndexException(Path environment, String action, Throwable cause) {
    super(
        "Cannot "
            + action
            + " in the store index at '"
            + environment
            + "': "
            + cause.getMessage()
            + ". Check disk space and permissions; if the index is corrupt, restore it from a"
            + " backup of the state directory.",
        cause);
    this.environment = environment;
  }

  /** The LMDB environment directory of the index. */
  public Path environment() {
    return environment;
  }
}
