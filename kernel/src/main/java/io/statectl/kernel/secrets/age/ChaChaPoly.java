package io.statectl.kernel.secrets.age;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** ChaCha20-Poly1305 (RFC 8439) on the JDK's {@code Cipher}, no associated data. */
final class ChaChaPoly {
  static final int TAG = 16;

  private ChaChaPoly() {}

  static byte[] zeroNonce() {
    return new byte[12];
  }

  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
    try {
      Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ChaCha20-Poly1305", e);
    }
  }

  /** The plaintext, or empty when the tag does not verify. */
  static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext, int offset, int length) {
    try {
      Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      return Optional.of(c.doFinal(ciphertext, offset, length));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ChaCha20-Poly1305", e);
    }
  }
}
