package io.statectl.kernel.store;

import java.io.OutputStream;
import java.security.MessageDigest;

/** An output sink that only SHA-256-hashes and counts what is written to it. */
public final class DigestingOutputStream extends OutputStream {
  private final MessageDigest digest = Hash.newDigest();
  private long count;

  @Override
  public void write(int b) {
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    digest.update(b, off, len);
    count += len;
  }

  /** Returns the hash and length of everything written; call once, at the end. */
  public NarDigest result() {
    return new NarDigest(new Hash(digest.digest()), count);
  }
}
