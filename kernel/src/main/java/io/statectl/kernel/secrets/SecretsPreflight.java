package io.statectl.kernel.secrets;

import io.statectl.kernel.config.RepositoryFileSnapshot;
import io.statectl.kernel.eval.Evaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Check before change: can this host open every secret the evaluated configuration declares?
 * Runs on the ciphertexts evaluation read, before anything is built or written.
 */
public final class SecretsPreflight {
  private SecretsPreflight() {}

  /**
   * For {@code statectl check}, which evaluates hosts other than this machine: decrypts a host's
   * secrets only when this machine's identity (under {@code root}) is that host's declared key,
   * and otherwise says why it did not. Returns a note for the user; empty when no secrets.
   *
   * @throws SecretUnavailableException when this machine is the host and cannot open a secret
   */
  public static java.util.Optional<String> checkIfThisHost(Evaluation.Success evaluation, Path root) {
    SecretsConfig config = SecretsConfig.of(evaluation.config());
    if (config.isEmpty()) {
      return java.util.Optional.empty();
    }
    String identity = config.identity().orElse(SecretsManifest.DEFAULT_IDENTITY);
    Path file = new SecretsActivation(root).underRoot(identity);
    if (!java.nio.file.Files.exists(file)) {
      return java.util.Optional.of("secrets of host " + evaluation.host() + " not decrypted: no identity at " + file);
    }
    String mine = io.statectl.kernel.secrets.age.Identities.read(file).get(0).recipient().encoded();
    if (!mine.equals(config.hostRecipients().get(evaluation.host()))) {
      return java.util.Optional.of("secrets of host " + evaluation.host() + " not decrypted here: this machine's key "
          + file + " is not secrets.recipients." + evaluation.host());
    }
    int n = check(evaluation, root);
    return java.util.Optional.of("secrets of host " + evaluation.host() + ": all " + n + " open with " + file);
  }

  /** Returns the number of secrets checked; throws {@link SecretUnavailableException} listing each failure. */
  public static int check(Evaluation.Success evaluation, Path root) {
    SecretsConfig config = SecretsConfig.of(evaluation.config());
    if (config.isEmpty()) {
      return 0;
    }
    List<SecretsActivation.Candidate> candidates = new ArrayList<>();
    for (SecretDeclaration d : config.secrets()) {
      RepositoryFileSnapshot f = evaluation.files().get(d.file());
      if (f == null) {
        throw new IllegalStateException("evaluation did not read secret file " + d.file());
      }
      candidates.add(new SecretsActivation.Candidate(d.name(), d.file(), f.bytes(), d.recipients()));
    }
    new SecretsActivation(root).check(candidates,
        config.identity().orElse(SecretsManifest.DEFAULT_IDENTITY));
    return candidates.size();
  }
}
