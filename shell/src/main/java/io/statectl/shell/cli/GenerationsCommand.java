package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generations", mixinStandardHelpOptions = true,
    description = "List the generations of the profile; * marks the active one.")
final class GenerationsCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Option(names = "--as-of", paramLabel = "POINT",
      description = "Show the list as it was at a point of history: an event sequence (42), gen:N, or an ISO-8601 time.")
  String asOf;

  @picocli.CommandLine.Mixin ProfileOption profile;

  @Override
  public Integer call() {
    return Run.request(new Request.Generations(state.state(), json ? Request.Format.JSON : Request.Format.TEXT,
        java.util.Optional.ofNullable(asOf).map(a -> Durations.point(a, "--as-of")), profile.profile));
  }
}
