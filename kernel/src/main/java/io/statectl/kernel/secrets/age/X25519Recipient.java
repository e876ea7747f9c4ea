package io.statectl.kernel.secrets.age;

import java.util.Arrays;
import java.util.List;

/** An age X25519 recipient: a Curve25519 public key, written {@code age1…}. */
public record X25519Recipient(byte[] publicKey) implements Recipient {
  static final String TYPE = "X25519";
  static final String LABEL = "age-encryption.org/v1/X25519";

  public X25519Recipient {
    if (publicKey.length != Curve25519.SIZE) {
      throw new IllegalArgumentException("an X25519 key has 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public Stanza wrap(byte[] fileKey) {
    byte[] ephemeral = Curve25519.randomScalar();
    byte[] share = Curve25519.publicKey(ephemeral);
    byte[] shared = Curve25519.multiply(ephemeral, publicKey)
        .orElseThrow(() -> new IllegalStateException("recipient is a low-order point"));
    byte[] wrapKey = Hkdf.derive(shared, concat(share, publicKey), LABEL, 32);
    return new Stanza(List.of(TYPE, RawBase64.encode(share)), ChaChaPoly.seal(wrapKey, ChaChaPoly.zeroNonce(), fileKey));
  }

  @Override
  public String encoded() {
    return Bech32.encode("age", publicKey);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof X25519Recipient r && Arrays.equals(publicKey, r.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return encoded();
  }
}
