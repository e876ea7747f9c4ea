package io.statectl.kernel.secrets.age;

import java.util.Optional;

/**
 * A private key that can open age files: an X25519 identity ({@code AGE-SECRET-KEY-1…}) or an
 * unencrypted OpenSSH ed25519 private key. {@link #toString()} never shows key material.
 */
public sealed interface Identity permits X25519Identity, SshEd25519Identity {

  /**
   * The file key of a stanza addressed to this identity; empty for a stanza of another type or
   * for another key of the same type.
   *
   * @throws AgeException ({@link AgeException.Failure#HEADER}) for a malformed stanza of this
   *     identity's type, as the specification requires
   */
  Optional<byte[]> unwrap(Stanza stanza);

  /** The recipient this identity opens files for. */
  Recipient recipient();
}
