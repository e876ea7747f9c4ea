package io.statectl.kernel.cache;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 public key in Nix's format, {@code <name>:<base64 of 32 bytes>} (RFC 8032 encoding):
 * what {@code store.trustedPublicKeys} lists and {@code trusted-public-keys} means to Nix.
 *
 * @param name the key's name, matched against the name before the colon of a signature
 * @param bytes the 32-byte encoded point
 */
public record TrustedKey(String name, byte[] bytes) {
  public TrustedKey {
    checkName(name, "public key");
    if (bytes == null || bytes.length != 32) {
      throw new InvalidKeyException(name, "an Ed25519 public key has 32 bytes", "copy the whole public key line");
    }
    bytes = bytes.clone();
  }

  static void checkName(String name, String what) {
    if (name == null || name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidKeyException(String.valueOf(name), "a " + what + " name is non-empty, without ':' or spaces",
          "use a name such as cache.example.org-1");
    }
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Parses {@code <name>:<base64 of 32 bytes>}; {@code source} names where it came from in errors.
   *
   * @throws InvalidKeyException if it is not such a key
   */
  public static TrustedKey parse(String text, String source) {
    String trimmed = text.strip();
    int colon = trimmed.indexOf(':');
    if (colon <= 0) {
      throw new InvalidKeyException(source, "expected <name>:<base64>, found no name before a ':'",
          "copy the public key file's line, e.g. cache-1:AbC…=");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(trimmed.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException(source, "the part after ':' is not base64", "copy the public key file's line");
    }
    if (decoded.length != 32) {
      throw new InvalidKeyException(source, "a public key has 32 bytes, this one " + decoded.length
          + (decoded.length == 64 ? " (is it the secret key? never share that)" : ""), "pass the public key");
    }
    return new TrustedKey(trimmed.substring(0, colon), decoded);
  }

  /** Returns {@code <name>:<base64>}. */
  public String render() {
    return name + ":" + Base64.getEncoder().encodeToString(bytes);
  }

  /** Returns whether {@code signature} is this key's Ed25519 signature of {@code message}. */
  public boolean verify(byte[] signature, byte[] message) {
    try {
      java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
      verifier.initVerify(toJdk());
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false; // a malformed signature or point verifies nothing
    }
  }

  private PublicKey toJdk() throws GeneralSecurityException {
    byte[] le = bytes.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  /** Encodes a JDK public key as RFC 8032's 32 bytes: y little-endian, x's parity in the top bit. */
  static byte[] encodePoint(EdECPublicKey key) {
    EdECPoint point = key.getPoint();
    byte[] be = point.getY().toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (point.isXOdd()) {
      le[31] |= (byte) 0x80;
    }
    return le;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrustedKey k && k.name.equals(name) && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return render();
  }
}
