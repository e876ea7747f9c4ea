package io.statectl.kernel.cache;

import java.util.Arrays;
import java.util.Base64;

/**
 * One {@code Sig:} of a narinfo, {@code <key name>:<base64 of 64 bytes>}.
 *
 * @param keyName the name of the key that made it
 * @param bytes the 64-byte Ed25519 signature
 */
public record Signature(String keyName, byte[] bytes) {
  public Signature {
    if (keyName == null || keyName.isEmpty()) {
      throw new IllegalArgumentException("a signature needs a key name");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Parses {@code <name>:<base64>}.
   *
   * @throws IllegalArgumentException if it is not of that form
   */
  public static Signature parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("a signature is <key name>:<base64>, not '" + text + "'");
    }
    return new Signature(text.substring(0, colon), Base64.getDecoder().decode(text.substring(colon + 1).strip()));
  }

  public String render() {
    return keyName + ":" + Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return render();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && s.keyName.equals(keyName) && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return keyName.hashCode() * 31 + Arrays.hashCode(bytes);
  }
}
