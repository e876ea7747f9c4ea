package io.statectl.shell.cli;

import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "switch", mixinStandardHelpOptions = true,
    description = "Activate an existing generation. Nothing is rebuilt.")
final class SwitchCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @Option(names = "--generation", paramLabel = "N", required = true, description = "The generation to activate.")
  int generation;

  @Option(names = "--home", paramLabel = "DIR", description = "The home to activate into (default: where the active generation was activated).")
  Path home;

  @Option(names = "--backup", description = "Save files statectl does not own into the store instead of refusing.")
  boolean backup;

  @Mixin ProfileOption profile;

  @Option(names = "--root", paramLabel = "DIR", description = "Where root files go (default: where the active generation put them, else /).")
  Path root;

  @Override
  public Integer call() {
    return Run.request(new Request.Activate(state.state(), Optional.of(generation), Optional.ofNullable(home),
        backup ? BackupPolicy.BACK_UP : BackupPolicy.REFUSE, profile.profile, Optional.ofNullable(root)),
        waitOptions.waitTimeout());
  }
}
