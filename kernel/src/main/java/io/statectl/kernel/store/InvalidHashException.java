package io.statectl.kernel.store;

/** A string or byte array is not a valid SHA-256 hash; {@link #input()} is the rejected text. */
public final class InvalidHashException extends StoreException {
  private final String input;

  public InvalidHashException(String input, String reason) {
    super(
        "Invalid hash '"
            + input
            + "': "
            + reason
            + ". Expected 'sha256:' followed by 52 nix-base32 or 64 hex characters, or an SRI"
            + " 'sha256-<base64>'.");
    this.input = input;
  }

  /** The rejected text (for byte input, a description of it). */
  public String input() {
    return input;
  }
}
