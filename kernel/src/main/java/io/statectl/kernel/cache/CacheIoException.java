package io.statectl.kernel.cache;

import io.statectl.kernel.ErrorCode;

/** A binary cache that could not be read or written: I/O error, HTTP status, or time-out. */
public final class CacheIoException extends CacheException {
  private static final long serialVersionUID = 1L;
  private final String url;

  /**
   * @param url the cache URL (or the file in it) concerned
   * @param action what was being done, e.g. "read", "upload"
   * @param problem what went wrong
   */
  public CacheIoException(String url, String action, String problem, Throwable cause) {
    super("cannot " + action + " " + url + ": " + problem
        + "\n  hint: check the URL, that the cache is up, and (for uploads) the token", cause);
    this.url = url;
  }

  public String url() {
    return url;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.CACHE_UNREACHABLE;
  }
}
