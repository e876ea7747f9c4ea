package io.statectl.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;

/**
 * The wire format. A connection starts with the client's 4-byte magic {@code STC1} (which also
 * versions the protocol); then both sides exchange frames: a 4-byte big-endian length of what
 * follows, a 1-byte {@link FrameType} code, the payload. Writes are synchronised on the channel,
 * so threads may share one.
 */
public final class Frames {
  /** "STC1": statectl protocol, version 1. */
  public static final int MAGIC = 0x53544331;
  /** The largest frame accepted; larger ones mean a broken or hostile peer. */
  static final int MAX_FRAME = 64 << 20;

  private Frames() {}

  public static void writeMagic(WritableByteChannel ch) throws IOException {
    writeFully(ch, ByteBuffer.allocate(4).putInt(MAGIC).flip());
  }

  /** Reads the magic; false if the peer speaks something else (an older or foreign protocol). */
  public static boolean readMagic(ReadableByteChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4);
    readFully(ch, b);
    return b.flip().getInt() == MAGIC;
  }

  public static void write(WritableByteChannel ch, Frame frame) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(5 + frame.size());
    b.putInt(1 + frame.size()).put((byte) frame.type().code()).put(frame.payload()).flip();
    synchronized (ch) {
      writeFully(ch, b);
    }
  }

  /** The next frame, or empty at a clean end of stream between frames. */
  public static Optional<Frame> read(ReadableByteChannel ch) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(4);
    if (ch.read(head) < 0) {
      return Optional.empty();
    }
    readFully(ch, head);
    int length = head.flip().getInt();
    if (length < 1 || length > MAX_FRAME) {
      throw new IOException("bad frame length " + length);
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    readFully(ch, body);
    body.flip();
    FrameType type;
    try {
      type = FrameType.of(body.get());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    byte[] payload = new byte[length - 1];
    body.get(payload);
    return Optional.of(new Frame(type, payload));
  }

  private static void readFully(ReadableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("connection closed inside a frame");
      }
    }
  }

  private static void writeFully(WritableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
