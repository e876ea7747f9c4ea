package io.statectl.kernel.cache;

import io.statectl.kernel.ErrorCode;

/** A narinfo or nix-cache-info that cannot be read, or that describes another store or path. */
public final class InvalidNarInfoException extends CacheException {
  private static final long serialVersionUID = 1L;
  private final String source;

  /**
   * @param source where the text came from ({@code <cache>/<hash>.narinfo}, with the line if known)
   * @param problem what is wrong, naming the field
   */
  public InvalidNarInfoException(String source, String problem) {
    super(source + ": " + problem + "\n  hint: the binary cache is broken or made for another store;"
        + " nothing of it was kept");
    this.source = source;
  }

  public String source() {
    return source;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.NARINFO_INVALID;
  }
}
