package io.statectl.kernel.secrets.age;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * An unencrypted OpenSSH ed25519 private key ({@code -----BEGIN OPENSSH PRIVATE KEY-----}) as an
 * age identity; its X25519 scalar is the first half of SHA-512 of the Ed25519 seed.
 */
public final class SshEd25519Identity implements Identity {
  private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String END = "-----END OPENSSH PRIVATE KEY-----";
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] scalar;
  private final SshEd25519Recipient recipient;

  private SshEd25519Identity(byte[] seed, SshEd25519Recipient recipient) {
    this.scalar = Curve25519.scalarOfEd25519Seed(seed);
    this.recipient = recipient;
  }

  static boolean looksLikeOne(String text) {
    return text.strip().startsWith(BEGIN);
  }

  /**
   * Parses an OpenSSH private key file holding one unencrypted ed25519 key.
   *
   * @throws IllegalArgumentException saying what is wrong (never echoing key bytes)
   */
  public static SshEd25519Identity parse(String pem) {
    String t = pem.strip();
    if (!t.startsWith(BEGIN) || !t.endsWith(END)) {
      throw new IllegalArgumentException("not an OpenSSH private key file");
    }
    byte[] blob;
    try {
      blob = Base64.getMimeDecoder().decode(t.substring(BEGIN.length(), t.length() - END.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the OpenSSH private key is not base64");
    }
    if (blob.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("not an openssh-key-v1 private key");
    }
    SshWire r = new SshWire(Arrays.copyOfRange(blob, MAGIC.length, blob.length));
    String cipher = r.text();
    String kdf = r.text();
    r.string();
    if (!cipher.equals("none") || !kdf.equals("none")) {
      throw new IllegalArgumentException("the SSH key is passphrase-protected (" + cipher
          + "); statectl needs an unencrypted key, as a host key is");
    }
    if (r.uint32() != 1) {
      throw new IllegalArgumentException("the OpenSSH file holds more than one key");
    }
    SshEd25519Recipient publicKey = SshEd25519Recipient.fromWire(r.string());
    SshWire p = new SshWire(r.string());
    if (p.uint32() != p.uint32()) {
      throw new IllegalArgumentException("the OpenSSH private section is damaged (check bytes differ)");
    }
    String type = p.text();
    if (!type.equals(SshEd25519Recipient.TYPE)) {
      throw new IllegalArgumentException("only ssh-ed25519 keys are supported, not " + type);
    }
    byte[] pk = p.string();
    byte[] sk = p.string();
    if (sk.length != 64 || !Arrays.equals(pk, publicKey.edPublicKey())
        || !Arrays.equals(Arrays.copyOfRange(sk, 32, 64), pk)) {
      throw new IllegalArgumentException("the OpenSSH private key is damaged (public halves differ)");
    }
    return new SshEd25519Identity(Arrays.copyOf(sk, 32), publicKey);
  }

  @Override
  public Optional<byte[]> unwrap(Stanza stanza) {
    if (!stanza.type().equals(SshEd25519Recipient.TYPE)) {
      return Optional.empty();
    }
    if (stanza.args().size() != 3) {
      throw Header.failure("an ssh-ed25519 stanza has " + (stanza.args().size() - 1) + " arguments, not 2");
    }
    byte[] share = RawBase64.decode(stanza.args().get(2)).filter(s -> s.length == Curve25519.SIZE)
        .orElseThrow(() -> Header.failure("an ssh-ed25519 share is not canonical base64 of 32 bytes"));
    byte[] body = stanza.body();
    if (body.length != 16 + ChaChaPoly.TAG) {
      throw Header.failure("an ssh-ed25519 stanza body is not 32 bytes");
    }
    if (!stanza.args().get(1).equals(recipient.tag())) {
      return Optional.empty();
    }
    byte[] shared = Curve25519.multiply(scalar, share)
        .orElseThrow(() -> Header.failure("an ssh-ed25519 share is a low-order point"));
    shared = Curve25519.multiply(recipient.tweak(), shared).orElseThrow();
    byte[] wrapKey = Hkdf.derive(shared, X25519Recipient.concat(share, recipient.montgomery()),
        SshEd25519Recipient.LABEL, 32);
    return ChaChaPoly.open(wrapKey, ChaChaPoly.zeroNonce(), body, 0, body.length);
  }

  @Override
  public SshEd25519Recipient recipient() {
    return recipient;
  }

  @Override
  public String toString() {
    return "ssh-ed25519 identity of " + recipient.encoded();
  }
}
