package io.statectl.kernel.store;

import java.io.IOException;
import java.io.OutputStream;

/** Writes everything to two sinks, so one pass over a tree can feed a hash and a scanner. */
public final class TeeOutputStream extends OutputStream {
  private final OutputStream first;
  private final OutputStream second;

  public TeeOutputStream(OutputStream first, OutputStream second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void write(int b) throws IOException {
    first.write(b);
    second.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    first.write(b, off, len);
    second.write(b, off, len);
  }
}
