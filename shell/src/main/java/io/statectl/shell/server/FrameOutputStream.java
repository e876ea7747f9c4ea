package io.statectl.shell.server;

import io.statectl.client.Frame;
import io.statectl.client.FrameType;
import io.statectl.client.Frames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;

/** Bytes for the client's stdout or stderr: buffered, sent as one frame per flush. Thread-safe. */
final class FrameOutputStream extends OutputStream {
  private final WritableByteChannel channel;
  private final FrameType type;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  FrameOutputStream(WritableByteChannel channel, FrameType type) {
    this.channel = channel;
    this.type = type;
  }

  @Override
  public synchronized void write(int b) {
    buffer.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    buffer.write(b, off, len);
  }

  @Override
  public synchronized void flush() throws IOException {
    if (buffer.size() > 0) {
      byte[] bytes = buffer.toByteArray();
      buffer.reset();
      Frames.write(channel, new Frame(type, bytes));
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
