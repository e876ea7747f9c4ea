package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show-generation", mixinStandardHelpOptions = true,
    description = "Show a generation: when and from what it was made, its configuration snapshot, closure, what "
        + "changed since the one before, and the events that made and activated it.")
final class ShowGenerationCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin ProfileOption profile;

  @Mixin StateOptions state;

  @Parameters(paramLabel = "N", description = "The generation number.")
  int number;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Override
  public Integer call() {
    return Run.request(new Request.ShowGeneration(state.state(), number, json ? Request.Format.JSON : Request.Format.TEXT,
        profile.profile));
  }
}
