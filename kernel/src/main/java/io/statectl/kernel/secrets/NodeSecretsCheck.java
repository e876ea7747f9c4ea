package io.statectl.kernel.secrets;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.config.RepositoryFileSnapshot;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.secrets.age.Age;
import io.statectl.kernel.secrets.age.AgeException;
import io.statectl.kernel.secrets.age.Recipient;
import io.statectl.kernel.secrets.age.Stanza;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploy's check before change, on the deployer: can a node open every secret its host declares?
 * The deployer holds no node's private key, so it checks with public knowledge only: the node's
 * key ({@code secrets.recipients.<host>}) must be among each secret's declared recipients, and an
 * ssh-ed25519 key's stanza tag must be in the file (X25519 stanzas are anonymous: not checkable
 * here, the node's own activation checks them again before writing anything).
 */
public final class NodeSecretsCheck {
  private NodeSecretsCheck() {}

  /**
   * Throws {@link SecretUnavailableException} ({@link ErrorCode#SECRET_NOT_FOR_NODE}) naming every
   * secret the node could not open; returns the number of secrets checked.
   */
  public static int check(String node, String host, Evaluation.Success evaluation) {
    SecretsConfig config = SecretsConfig.of(evaluation.config());
    if (config.isEmpty()) {
      return 0;
    }
    String key = config.hostRecipients().get(host);
    if (key == null) {
      throw new SecretUnavailableException(List.of("node " + node + ": host " + host + " declares "
          + config.secrets().size() + " secret(s) but has no key in secrets.recipients." + host
          + ", so nothing shows the node can open them; set secrets.recipients." + host + " = \"<its key>\" (e.g. "
          + "its /etc/ssh/ssh_host_ed25519_key.pub), add it to the secrets' recipients and run `statectl secrets "
          + "rekey`"), ErrorCode.SECRET_NOT_FOR_NODE);
    }
    List<String> problems = new ArrayList<>();
    for (SecretDeclaration d : config.secrets()) {
      if (!d.recipients().contains(key)) {
        problems.add("node " + node + ": secret " + d.name() + " (" + d.file() + ") does not list host " + host
            + "'s key " + key + " among its recipients " + d.recipients() + "; add \"" + host + "\" to secrets."
            + d.name() + ".recipients and run `statectl secrets rekey`");
        continue;
      }
      RepositoryFileSnapshot f = evaluation.files().get(d.file());
      Recipient r = Recipient.parse(key);
      if (f != null && !Recipients.tag(r).isEmpty() && !hasTag(f.bytes(), Recipients.tag(r))) {
        problems.add("node " + node + ": secret " + d.name() + " (" + d.file() + ") is not encrypted to host "
            + host + "'s key " + key + " yet (its recipients were changed, the file was not re-encrypted); run "
            + "`statectl secrets rekey`");
      }
    }
    if (!problems.isEmpty()) {
      problems.add("node " + node + " was refused before anything was copied");
      throw new SecretUnavailableException(problems, ErrorCode.SECRET_NOT_FOR_NODE);
    }
    return config.secrets().size();
  }

  private static boolean hasTag(byte[] file, String tag) {
    try {
      for (Stanza s : Age.stanzas(file)) {
        if (s.type().equals("ssh-ed25519") && s.args().size() > 1 && s.args().get(1).equals(tag)) {
          return true;
        }
      }
      return false;
    } catch (AgeException e) {
      return false;
    }
  }
}
