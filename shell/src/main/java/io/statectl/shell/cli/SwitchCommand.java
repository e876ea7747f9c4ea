package io.statectl.shell.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "switch", mixinStandardHelpOptions = true,
    description = "Activate an existing generation. Nothing is rebuilt.")
final class SwitchCommand implements Callable<Integer> {
  @Mixin ActivationOptions activation;

  @Option(names = "--generation", paramLabel = "N", required = true, description = "The generation to activate.")
  int generation;

  @Override
  public Integer call() {
    return activation.activate(Optional.of(generation));
  }
}
