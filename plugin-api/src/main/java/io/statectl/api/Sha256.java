package io.statectl.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash of identity and integrity everywhere in statectl (store paths, the event
 * log's chain, plugin archives, plugins' state digests). Every Java platform must provide it, so a
 * missing algorithm is a broken JDK, not an error the caller handles. Thread-safe: each call uses
 * a fresh {@link MessageDigest}.
 *
 * @since 0.1.2
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh SHA-256 digest, for callers that hash a stream as it passes. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The SHA-256 of {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    return newDigest().digest(bytes);
  }

  /** The SHA-256 of {@code bytes} in lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(of(bytes));
  }

  /** The SHA-256 of the UTF-8 encoding of {@code text} in lower-case hex. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of a file's bytes in lower-case hex, read in 64 KiB blocks. */
  public static String hexOfFile(Path file) throws IOException {
    MessageDigest md = newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
