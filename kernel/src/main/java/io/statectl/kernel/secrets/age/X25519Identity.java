package io.statectl.kernel.secrets.age;

import java.util.Locale;
import java.util.Optional;

/** An age X25519 identity: a Curve25519 scalar, written {@code AGE-SECRET-KEY-1…}. */
public final class X25519Identity implements Identity {
  private final byte[] secret;
  private final X25519Recipient recipient;

  private X25519Identity(byte[] secret) {
    this.secret = secret.clone();
    this.recipient = new X25519Recipient(Curve25519.publicKey(secret));
  }

  /** A new random identity. */
  public static X25519Identity generate() {
    return new X25519Identity(Curve25519.randomScalar());
  }

  /**
   * Parses {@code AGE-SECRET-KEY-1…}.
   *
   * @throws IllegalArgumentException when it is not one (the message never echoes the key)
   */
  public static X25519Identity parse(String text) {
    Bech32.Decoded d;
    try {
      d = Bech32.decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid AGE-SECRET-KEY-1 identity (" + e.getMessage() + ")");
    }
    if (!d.hrp().equals("age-secret-key-") || d.data().length != Curve25519.SIZE) {
      throw new IllegalArgumentException("not a valid AGE-SECRET-KEY-1 identity");
    }
    return new X25519Identity(d.data());
  }

  /** The identity file line {@code AGE-SECRET-KEY-1…}. */
  public String encoded() {
    return Bech32.encode("age-secret-key-", secret).toUpperCase(Locale.ROOT);
  }

  @Override
  public Optional<byte[]> unwrap(Stanza stanza) {
    if (!stanza.type().equals(X25519Recipient.TYPE)) {
      return Optional.empty();
    }
    if (stanza.args().size() != 2) {
      throw Header.failure("an X25519 stanza has " + (stanza.args().size() - 1) + " arguments, not 1");
    }
    byte[] share = RawBase64.decode(stanza.args().get(1)).filter(s -> s.length == Curve25519.SIZE)
        .orElseThrow(() -> Header.failure("an X25519 share is not canonical base64 of 32 bytes"));
    byte[] body = stanza.body();
    if (body.length != 16 + ChaChaPoly.TAG) {
      throw Header.failure("an X25519 stanza body is not 32 bytes");
    }
    byte[] shared = Curve25519.multiply(secret, share)
        .orElseThrow(() -> Header.failure("an X25519 share is a low-order point"));
    byte[] wrapKey = Hkdf.derive(shared, X25519Recipient.concat(share, recipient.publicKey()),
        X25519Recipient.LABEL, 32);
    return ChaChaPoly.open(wrapKey, ChaChaPoly.zeroNonce(), body, 0, body.length);
  }

  @Override
  public X25519Recipient recipient() {
    return recipient;
  }

  @Override
  public String toString() {
    return "X25519 identity of " + recipient.encoded();
  }
}
