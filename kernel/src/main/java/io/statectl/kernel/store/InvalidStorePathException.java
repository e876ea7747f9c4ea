package io.statectl.kernel.store;

/** A string is not a valid store path, store path name or hash part; {@link #input()} is it. */
public final class InvalidStorePathException extends StoreException {
  private final String input;

  public InvalidStorePathException(String input, String reason) {
    super(
        "Invalid store path '"
            + input
            + "': "
            + reason
            + ". A store path is '<32 chars of nix-base32>-<name>', the name made of"
            + " [A-Za-z0-9+._?=-], not starting with '.', at most "
            + StorePath.MAX_NAME_LENGTH
            + " characters.");
    this.input = input;
  }

  /** The rejected text, as given. */
  public String input() {
    return input;
  }
}
