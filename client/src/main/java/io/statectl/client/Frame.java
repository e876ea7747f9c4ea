package io.statectl.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One protocol frame: its kind and payload bytes (never null; copied on the way in and out). */
public record Frame(FrameType type, byte[] payload) {
  public Frame {
    Objects.requireNonNull(type, "type");
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Frame empty(FrameType type) {
    return new Frame(type, new byte[0]);
  }

  public static Frame text(FrameType type, String text) {
    return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
  }

  public static Frame exit(int code) {
    return new Frame(FrameType.EXIT, ByteBuffer.allocate(4).putInt(code).array());
  }

  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  public int exitCode() {
    return ByteBuffer.wrap(payload).getInt();
  }

  int size() {
    return payload.length;
  }
}
