package io.statectl.kernel.secrets.age;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;

/** Reads and writes the SSH wire encoding (RFC 4251 §5): uint32 and length-prefixed strings. */
final class SshWire {
  private final ByteBuffer buffer;

  SshWire(byte[] bytes) {
    this.buffer = ByteBuffer.wrap(bytes);
  }

  int uint32() {
    try {
      return buffer.getInt();
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated SSH key");
    }
  }

  byte[] string() {
    int n = uint32();
    if (n < 0 || n > buffer.remaining()) {
      throw new IllegalArgumentException("truncated SSH key");
    }
    byte[] out = new byte[n];
    buffer.get(out);
    return out;
  }

  String text() {
    return new String(string(), StandardCharsets.UTF_8);
  }

  boolean hasRemaining() {
    return buffer.hasRemaining();
  }

  static byte[] encode(byte[]... strings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] s : strings) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(s.length).array());
      out.writeBytes(s);
    }
    return out.toByteArray();
  }
}
