package io.statectl.kernel.secrets.age;

import java.util.Base64;
import java.util.Optional;

/** Canonical unpadded base64 (RFC 4648 §3.5), the encoding of every age header field. */
final class RawBase64 {
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

  private RawBase64() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** The bytes, or empty when the text is not the canonical unpadded encoding of any bytes. */
  static Optional<byte[]> decode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/';
      if (!ok) {
        return Optional.empty();
      }
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      return encode(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
