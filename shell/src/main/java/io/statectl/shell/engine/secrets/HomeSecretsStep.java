package io.statectl.shell.engine.secrets;

import io.statectl.kernel.secrets.SecretsActivation;
import io.statectl.kernel.secrets.SecretsManifest;
import io.statectl.shell.engine.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A home generation's secrets ({@code home.secrets}): the system's activation code, placing the
 * plaintexts under the user's runtime directory and opening them with the home's identity.
 * Runs before the home's files are linked; a generation without secrets removes those placed.
 */
public final class HomeSecretsStep {
  private HomeSecretsStep() {}

  /** Places (or removes) the secrets of a home generation; fails, changing nothing, when one cannot be opened. */
  public static void run(Path generation, Path home, Map<String, String> env, Output out) {
    boolean hasSecrets = SecretsManifest.of(generation).isPresent();
    Optional<Path> runtime = SecretsActivation.userRuntimeDir(env);
    if (runtime.isEmpty()) {
      if (hasSecrets) {
        throw io.statectl.kernel.secrets.SecretsPreflight.noRuntimeDir();
      }
      return;
    }
    SecretsActivation secrets = SecretsActivation.forHome(runtime.get(), home);
    if (hasSecrets || Files.isDirectory(secrets.runtimeDirectory())) {
      int placed = secrets.install(generation);
      if (placed > 0) {
        out.message("home secrets: " + placed + " placed under " + secrets.runtimeDirectory());
      }
    }
  }
}
