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
    return check(evaluation, SecretsConfig.of(evaluation.config()), new SecretsActivation(root),
        SecretsManifest.DEFAULT_IDENTITY);
  }

  /**
   * As {@link #check(Evaluation.Success, Path)}, then the same for the home's secrets
   * ({@code home.secrets}, opened with the home's identity, {@code ~/} being {@code home}).
   * A problem in {@code home.secrets} is a configuration error, located, as for {@code secrets}.
   */
  public static int check(Evaluation.Success evaluation, Path root, Path home) {
    int n = check(evaluation, root);
    SecretsConfig homes = SecretsConfig.homeOf(evaluation.config());
    if (!homes.problems().isEmpty()) {
      throw new io.statectl.kernel.eval.ConfigInvalidException(homes.problems());
    }
    if (!homes.isEmpty() && SecretsActivation.userRuntimeDir(System.getenv(), home).isEmpty()) {
      throw noRuntimeDir();
    }
    // Only the identity is read here; where the files go (the runtime directory) does not matter.
    return n + check(evaluation, homes, SecretsActivation.forHome(home, home), SecretsManifest.DEFAULT_HOME_IDENTITY);
  }

  /** The error for a home with secrets and nowhere to put them (never the home or the store). */
  public static SecretUnavailableException noRuntimeDir() {
    return new SecretUnavailableException(List.of("the home declares secrets, but XDG_RUNTIME_DIR is not set and "
        + "/run/user/<uid> does not exist: home secrets go only under the user's runtime directory (a tmpfs); "
        + "apply from a login session or set XDG_RUNTIME_DIR"), io.statectl.kernel.ErrorCode.SECRET_NO_RUNTIME_DIR);
  }

  private static int check(Evaluation.Success evaluation, SecretsConfig config, SecretsActivation activation,
      String defaultIdentity) {
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
    activation.check(candidates, config.identity().orElse(defaultIdentity));
    return candidates.size();
  }
}
