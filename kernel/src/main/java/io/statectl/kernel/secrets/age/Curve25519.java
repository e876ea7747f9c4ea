package io.statectl.kernel.secrets.age;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * X25519 on the JDK's {@code XDH} key agreement, plus the two Ed25519-to-X25519 conversions that
 * ssh-ed25519 recipients need (the same birational map and scalar derivation as age's agessh).
 */
final class Curve25519 {
  static final int SIZE = 32;
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final byte[] BASE_POINT = basePoint();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Curve25519() {}

  static byte[] randomScalar() {
    byte[] s = new byte[SIZE];
    RANDOM.nextBytes(s);
    return s;
  }

  static byte[] publicKey(byte[] scalar) {
    return multiply(scalar, BASE_POINT).orElseThrow();
  }

  /**
   * {@code X25519(scalar, point)}, or empty when the result is the all-zero value (a low-order
   * point), which age requires to be refused.
   */
  static Optional<byte[]> multiply(byte[] scalar, byte[] point) {
    try {
      KeyFactory kf = KeyFactory.getInstance("XDH");
      PrivateKey priv = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
      PublicKey pub = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, toU(point)));
      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(priv);
      ka.doPhase(pub, true);
      byte[] out = ka.generateSecret();
      return isZero(out) ? Optional.empty() : Optional.of(out);
    } catch (InvalidKeyException e) {
      // the JDK refuses a small-order result itself
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks X25519 (XDH)", e);
    }
  }

  /** The X25519 scalar of an Ed25519 private key: the first half of SHA-512(seed). */
  static byte[] scalarOfEd25519Seed(byte[] seed) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(seed), SIZE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-512", e);
    }
  }

  /** The Montgomery u of an Ed25519 public key: u = (1 + y) / (1 - y) mod p. */
  static byte[] montgomeryOfEd25519(byte[] edPublic) {
    byte[] le = edPublic.clone();
    le[31] &= 0x7f;
    BigInteger y = littleEndian(le);
    if (y.compareTo(P) >= 0) {
      throw new IllegalArgumentException("not a valid Ed25519 public key");
    }
    BigInteger denominator = BigInteger.ONE.subtract(y).mod(P);
    if (denominator.signum() == 0) {
      throw new IllegalArgumentException("not a valid Ed25519 public key");
    }
    BigInteger u = BigInteger.ONE.add(y).multiply(denominator.modInverse(P)).mod(P);
    return toLittleEndian(u);
  }

  static boolean isZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }

  private static BigInteger toU(byte[] point) {
    byte[] le = point.clone();
    le[31] &= 0x7f; // RFC 7748: the top bit of a u-coordinate is ignored
    return littleEndian(le);
  }

  private static BigInteger littleEndian(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] toLittleEndian(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[SIZE];
    for (int i = 0; i < SIZE && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  private static byte[] basePoint() {
    byte[] b = new byte[SIZE];
    b[0] = 9;
    return b;
  }
}
