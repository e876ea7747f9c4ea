package io.statectl.kernel.secrets.age;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An OpenSSH ed25519 public key as an age recipient (age's {@code ssh-ed25519} stanza): the key is
 * mapped to its X25519 twin and the shared secret tweaked by a hash of the SSH key, as agessh does.
 */
public record SshEd25519Recipient(byte[] edPublicKey) implements Recipient {
  static final String TYPE = "ssh-ed25519";
  static final String LABEL = "age-encryption.org/v1/ssh-ed25519";

  public SshEd25519Recipient {
    if (edPublicKey.length != 32) {
      throw new IllegalArgumentException("an ed25519 public key has 32 bytes");
    }
    edPublicKey = edPublicKey.clone();
    Curve25519.montgomeryOfEd25519(edPublicKey); // validates
  }

  static SshEd25519Recipient fromWire(byte[] wire) {
    SshWire r = new SshWire(wire);
    String type = r.text();
    if (!type.equals(TYPE)) {
      throw new IllegalArgumentException("only ssh-ed25519 SSH keys are supported, not " + type);
    }
    byte[] key = r.string();
    if (key.length != 32 || r.hasRemaining()) {
      throw new IllegalArgumentException("malformed ssh-ed25519 public key");
    }
    return new SshEd25519Recipient(key);
  }

  @Override
  public byte[] edPublicKey() {
    return edPublicKey.clone();
  }

  /** The SSH wire encoding of the public key: string "ssh-ed25519", string key. */
  byte[] wire() {
    return SshWire.encode(TYPE.getBytes(StandardCharsets.US_ASCII), edPublicKey);
  }

  /** The stanza tag: the first 4 bytes of SHA-256 of the wire encoding, unpadded base64. */
  /** The stanza tag: the first 4 bytes of SHA-256 of the wire encoding, unpadded base64. */
  public String stanzaTag() {
    return tag();
  }

  String tag() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(wire());
      return RawBase64.encode(Arrays.copyOf(h, 4));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] montgomery() {
    return Curve25519.montgomeryOfEd25519(edPublicKey);
  }

  byte[] tweak() {
    return Hkdf.derive(new byte[0], wire(), LABEL, 32);
  }

  @Override
  public Stanza wrap(byte[] fileKey) {
    byte[] theirs = montgomery();
    byte[] ephemeral = Curve25519.randomScalar();
    byte[] share = Curve25519.publicKey(ephemeral);
    byte[] shared = Curve25519.multiply(ephemeral, theirs)
        .orElseThrow(() -> new IllegalStateException("recipient is a low-order point"));
    shared = Curve25519.multiply(tweak(), shared).orElseThrow();
    byte[] wrapKey = Hkdf.derive(shared, X25519Recipient.concat(share, theirs), LABEL, 32);
    return new Stanza(List.of(TYPE, tag(), RawBase64.encode(share)),
        ChaChaPoly.seal(wrapKey, ChaChaPoly.zeroNonce(), fileKey));
  }

  @Override
  public String encoded() {
    return TYPE + " " + Base64.getEncoder().encodeToString(wire());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SshEd25519Recipient r && Arrays.equals(edPublicKey, r.edPublicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(edPublicKey);
  }

  @Override
  public String toString() {
    return encoded();
  }
}
