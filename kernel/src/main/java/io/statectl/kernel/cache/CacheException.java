package io.statectl.kernel.cache;

import io.statectl.kernel.KernelException;

/**
 * Base of every failure of the binary cache: keys, narinfo, NAR archives, substitution and
 * transport. Subtypes carry the culprit (a key file, a URL, a store path, an archive entry) as data.
 */
public abstract class CacheException extends KernelException {
  private static final long serialVersionUID = 1L;

  protected CacheException(String message) {
    super(message);
  }

  protected CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
