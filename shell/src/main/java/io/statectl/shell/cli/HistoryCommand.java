package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.inspect.HistoryFilter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Print the event log: every configuration, generation, activation and backup.")
final class HistoryCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Option(names = "--verify", description = "Check every record's checksum, the hash chain, and the log against its "
      + "anchored head (<state>/events.head: truncation, rollback); name the first bad sequence.")
  boolean verify;

  @Option(names = "--reanchor", description = "Accept the log as it is: rewrite the anchored head from its last record "
      + "(after --verify reported STC-E120/E121 and restoring from a backup is not wanted).")
  boolean reanchor;

  @Option(names = "--since", paramLabel = "ISO8601", description = "Only events at or after this time (a date means midnight UTC).")
  String since;

  @Option(names = "--until", paramLabel = "ISO8601", description = "Only events before this time.")
  String until;

  @Option(names = "--type", paramLabel = "TYPE", split = ",", description = "Only events of these types, e.g. GenerationActivated,DriftDetected.")
  java.util.List<String> types = new java.util.ArrayList<>();

  @Option(names = "--profile", paramLabel = "NAME", description = "Only events of this profile.")
  String profile;

  @Override
  public Integer call() {
    if (reanchor) {
      return Run.request(new Request.Reanchor(state.state()));
    }
    if (verify) {
      return Run.request(new Request.Verify(state.state()));
    }
    io.statectl.shell.engine.inspect.HistoryFilter filter = new io.statectl.shell.engine.inspect.HistoryFilter(
        java.util.Optional.ofNullable(since).map(t -> Durations.instant(t, "--since")),
        java.util.Optional.ofNullable(until).map(t -> Durations.instant(t, "--until")),
        java.util.Set.copyOf(types), java.util.Optional.ofNullable(profile));
    return Run.request(new Request.History(state.state(), json ? Request.Format.JSON : Request.Format.TEXT, filter));
  }
}
