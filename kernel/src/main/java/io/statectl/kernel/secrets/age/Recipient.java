package io.statectl.kernel.secrets.age;

import java.util.Base64;

/**
 * Someone a file can be encrypted to: an X25519 key ({@code age1…}) or an OpenSSH ed25519 public
 * key ({@code ssh-ed25519 AAAA… [comment]}). Values are immutable and thread-safe.
 */
public sealed interface Recipient permits X25519Recipient, SshEd25519Recipient {

  /** A new stanza wrapping the 16-byte file key to this recipient (fresh ephemeral key). */
  Stanza wrap(byte[] fileKey);

  /** The canonical text form: {@code age1…} or {@code ssh-ed25519 AAAA…} (no comment). */
  String encoded();

  /**
   * Parses {@code age1…} or an {@code ssh-ed25519} public key line.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  static Recipient parse(String text) {
    String t = text.strip();
    if (t.startsWith("age1")) {
      Bech32.Decoded d;
      try {
        d = Bech32.decode(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a valid age recipient (" + e.getMessage() + ")");
      }
      if (!d.hrp().equals("age") || d.data().length != Curve25519.SIZE) {
        throw new IllegalArgumentException("not a valid age X25519 recipient");
      }
      return new X25519Recipient(d.data());
    }
    if (t.startsWith("ssh-ed25519 ")) {
      String[] parts = t.split("\\s+");
      byte[] wire;
      try {
        wire = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the ssh-ed25519 key is not base64");
      }
      return SshEd25519Recipient.fromWire(wire);
    }
    if (t.startsWith("ssh-")) {
      throw new IllegalArgumentException("only ssh-ed25519 SSH keys are supported, not "
          + t.split("\\s+")[0]);
    }
    throw new IllegalArgumentException("a recipient is \"age1…\" or \"ssh-ed25519 AAAA…\"");
  }
}
