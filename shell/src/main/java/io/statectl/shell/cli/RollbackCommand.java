package io.statectl.shell.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Activate the generation before the active one. Nothing is rebuilt.")
final class RollbackCommand implements Callable<Integer> {
  @Mixin ActivationOptions activation;

  @Override
  public Integer call() {
    return activation.activate(Optional.empty());
  }
}
