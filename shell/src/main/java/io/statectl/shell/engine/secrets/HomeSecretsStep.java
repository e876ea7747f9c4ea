package io.statectl.shell.engine.secrets;

import io.statectl.kernel.secrets.SecretsActivation;
import io.statectl.kernel.secrets.SecretsManifest;
import io.statectl.shell.engine.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  /** Names the home whose activation placed the secrets of a runtime directory. */
  static final String MARKER = ".statectl-home";

  private HomeSecretsStep() {}

  /** Places (or removes) the secrets of a home generation; fails, changing nothing, when one cannot be opened. */
  public static void run(Path generation, Path home, Map<String, String> env, Output out) {
    boolean hasSecrets = SecretsManifest.of(generation).isPresent();
    Optional<Path> runtime = SecretsActivation.userRuntimeDir(env, home);
    if (runtime.isEmpty()) {
      if (hasSecrets) {
        throw io.statectl.kernel.secrets.SecretsPreflight.noRuntimeDir();
      }
      return;
    }
    SecretsActivation secrets = SecretsActivation.forHome(runtime.get(), home);
    Path marker = secrets.runtimeDirectory().resolve(MARKER);
    // Remove only what this home placed: a test's throwaway home must never empty the real
    // runtime directory of the user running it.
    if (hasSecrets || placedBy(marker, home)) {
      int placed = secrets.install(generation);
      try {
        if (placed > 0) {
          Files.writeString(marker, home.toString() + "\n");
          out.message("home secrets: " + placed + " placed under " + secrets.runtimeDirectory());
        } else {
          Files.deleteIfExists(marker);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + marker, e);
      }
    }
  }

  private static boolean placedBy(Path marker, Path home) {
    try {
      return Files.isRegularFile(marker) && Files.readString(marker).strip().equals(home.toString());
    } catch (IOException e) {
      return false;
    }
  }
}
