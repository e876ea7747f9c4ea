package io.statectl.kernel.store;

/** An operation needs a valid (registered) store path and was given one that is not. */
public final class PathNotValidException extends StoreException {
  private final StorePath path;

  public PathNotValidException(StorePath path) {
    super(
        "'"
            + path
            + "' is not a valid store path: it was never registered or has been garbage"
            + " collected. Realise it again before using it.");
    this.path = path;
  }

  /** The path that is not valid. */
  public StorePath path() {
    return path;
  }
}
