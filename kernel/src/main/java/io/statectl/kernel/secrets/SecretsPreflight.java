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
