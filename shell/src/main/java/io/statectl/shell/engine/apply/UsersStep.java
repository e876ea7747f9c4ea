package io.statectl.shell.engine.apply;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ProfilePartition;
import io.statectl.kernel.users.IdMap;
import io.statectl.kernel.users.UsersActivation;
import io.statectl.kernel.users.UsersSpec;
import io.statectl.shell.engine.Output;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The accounts step of a system activation: before any file is linked or unit started (a
 * service's {@code User=} must exist by then), the root's passwd/group/shadow are brought to the
 * generation's {@code users.*}. A generation that declares no accounts still removes those an
 * earlier one declared. A refusal happens before anything is written, here or elsewhere.
 */
final class UsersStep {
  private UsersStep() {}

  static void run(String profile, Path generation, Path root, Path stateDirectory, Output out) {
    if (!profile.equals(ProfilePartition.SYSTEM)) {
      return;
    }
    Optional<UsersSpec> spec = UsersActivation.specOf(generation.resolve(ActivationManifest.ROOT_FILES));
    if (spec.isEmpty() && IdMap.load(stateDirectory).declaredUsers().isEmpty()
        && IdMap.load(stateDirectory).declaredGroups().isEmpty()) {
      return;
    }
    List<String> lines = new UsersActivation(root, stateDirectory)
        .apply(spec.orElse(new UsersSpec(true, List.of(), List.of())));
    lines.forEach(l -> out.message("users: " + l));
  }
}
