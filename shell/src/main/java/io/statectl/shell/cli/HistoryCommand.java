package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
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

  @Option(names = "--verify", description = "Check every record's checksum and the hash chain; name the first bad sequence.")
  boolean verify;

  @Override
  public Integer call() {
    if (verify) {
      return Run.request(new Request.Verify(state.state()));
    }
    return Run.request(new Request.History(state.state(), json ? Request.Format.JSON : Request.Format.TEXT));
  }
}
