package io.statectl.shell.cli;

import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of commands that activate a generation already in the store: {@code rollback} and {@code switch}. */
final class ActivationOptions {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @Option(names = "--home", paramLabel = "DIR", description = "The home to activate into (default: where the active generation was activated).")
  Path home;

  @Option(names = "--backup", description = "Save files statectl does not own into the store instead of refusing.")
  boolean backup;

  @Mixin ProfileOption profile;

  @Option(names = "--root", paramLabel = "DIR", description = "Where root files go (default: where the active generation put them, else /).")
  Path root;

  /** Activates {@code generation}, or the one before the active one when empty. */
  int activate(Optional<Integer> generation) {
    return Run.request(new Request.Activate(state.state(), generation, Optional.ofNullable(home),
        backup ? BackupPolicy.BACK_UP : BackupPolicy.REFUSE, profile.profile, Optional.ofNullable(root)),
        waitOptions.waitTimeout());
  }
}
