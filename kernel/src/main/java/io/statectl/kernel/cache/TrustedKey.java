package io.statectl.kernel.cache;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

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

  /**
   * Returns whether {@code signature} is this key's Ed25519 signature of {@code message}, checked
   * with BouncyCastle's Ed25519 (ten times the JDK's speed; a substitution checks every path).
   */
  public boolean verify(byte[] signature, byte[] message) {
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(bytes, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (IllegalArgumentException e) {
      return false; // a malformed point verifies nothing
    }
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
