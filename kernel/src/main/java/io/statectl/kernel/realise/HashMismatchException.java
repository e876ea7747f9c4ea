package io.statectl.kernel.realise;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import io.statectl.kernel.store.Hash;

/** A fetched file does not have the declared SHA-256; nothing was registered. */
public final class HashMismatchException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final String url;
  private final transient Hash expected;
  private final transient Hash got;

  public HashMismatchException(String url, Hash expected, Hash got) {
    super("hash mismatch for " + url + ":\n    expected sha256:" + expected.toHex() + " (" + expected + ")"
        + "\n         got sha256:" + got.toHex() + " (" + got + ")"
        + "\n  if the new content is what you want, set sha256 = \"" + got.toHex() + "\"");
    this.url = url;
    this.expected = expected;
    this.got = got;
  }

  public String url() {
    return url;
  }

  public Hash expected() {
    return expected;
  }

  public Hash got() {
    return got;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.HASH_MISMATCH;
  }
}
