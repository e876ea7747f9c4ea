package io.statectl.kernel.secrets;

import io.statectl.kernel.secrets.age.Recipient;
import io.statectl.kernel.secrets.age.SshEd25519Recipient;

/** Naming recipients in messages: the stanza tag of an ssh-ed25519 key. */
final class Recipients {
  private Recipients() {}

  static String tag(Recipient r) {
    return r instanceof SshEd25519Recipient s ? s.stanzaTag() : "";
  }
}
