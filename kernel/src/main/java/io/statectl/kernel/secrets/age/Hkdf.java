package io.statectl.kernel.secrets.age;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA-256 (RFC 5869) on the JDK's HMAC; the JDK 17 has no KDF API, and this is the whole of
 * it. Proved by the age test vectors and the age CLI interop tests.
 */
final class Hkdf {
  private static final int HASH_LEN = 32;

  private Hkdf() {}

  static byte[] derive(byte[] ikm, byte[] salt, String info, int length) {
    byte[] prk = hmac(salt.length == 0 ? new byte[HASH_LEN] : salt, ikm);
    byte[] infoBytes = info.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    int done = 0;
    for (int i = 1; done < length; i++) {
      byte[] input = new byte[t.length + infoBytes.length + 1];
      System.arraycopy(t, 0, input, 0, t.length);
      System.arraycopy(infoBytes, 0, input, t.length, infoBytes.length);
      input[input.length - 1] = (byte) i;
      t = hmac(prk, input);
      int n = Math.min(HASH_LEN, length - done);
      System.arraycopy(t, 0, out, done, n);
      done += n;
    }
    return out;
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
