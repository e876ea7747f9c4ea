package io.statectl.kernel.cache;

import io.statectl.kernel.ErrorCode;

/** A key (file or {@code name:base64} text) that cannot be used; names where it came from. */
public final class InvalidKeyException extends CacheException {
  private static final long serialVersionUID = 1L;
  private final String source;

  public InvalidKeyException(String source, String problem, String hint) {
    super("cannot use the key " + source + ": " + problem + "\n  hint: " + hint);
    this.source = source;
  }

  /** The file or text the key came from. */
  public String source() {
    return source;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.CACHE_KEY_INVALID;
  }
}
