package io.statectl.kernel.store;

/**
 * A path was registered with a reference that is neither valid nor part of the same batch, which
 * would break the closure invariant (every reference of a valid path is valid).
 */
public final class UnknownReferenceException extends StoreException {
  private final StorePath path;
  private final StorePath reference;

  public UnknownReferenceException(StorePath path, StorePath reference) {
    super(
        "Cannot register '"
            + path
            + "': it references '"
            + reference
            + "', which is not a valid store path. Register the referenced path first, or in"
            + " the same batch.");
    this.path = path;
    this.reference = reference;
  }

  /** The path whose registration was refused. */
  public StorePath path() {
    return path;
  }

  /** The reference that is not valid. */
  public StorePath reference() {
    return reference;
  }
}
