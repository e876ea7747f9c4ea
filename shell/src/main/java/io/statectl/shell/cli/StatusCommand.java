package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Compare the live home with the active generation: missing links, links pointing elsewhere, "
        + "managed files replaced or modified, unmanaged files in managed directories.",
        "New drift is recorded in the event log (unless another statectl is busy; status never waits). "
            + "`statectl apply --repair` fixes it.",
        "Exits 0 when the home matches the generation and 1 (STC-E024) when drift is found, so scripts can test it."})
final class StatusCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Option(names = "--home", paramLabel = "DIR", description = "The home to check (default: where the active generation was activated).")
  Path home;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  /** Kept so scripts written for the old opt-in still parse; drift now always exits 1. */
  @Option(names = "--exit-code", hidden = true, description = "Accepted for old scripts: status always exits 1 on drift.")
  boolean exitCode;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "The profile to check (default: system, or the only profile when there is one).")
  String profile;

  @Override
  public Integer call() {
    return Run.request(new Request.Status(state.state(), Optional.ofNullable(home),
        json ? Request.Format.JSON : Request.Format.TEXT,
        Request.DriftExit.NON_ZERO_ON_DRIFT, Optional.ofNullable(profile)));
  }
}
