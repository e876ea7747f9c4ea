package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "What changed from generation A to B: files added, removed and changed (with a unified diff "
        + "for small text files), packages, services, closure size.")
final class DiffCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Parameters(index = "0", paramLabel = "A", description = "The older generation.")
  int from;

  @Parameters(index = "1", paramLabel = "B", description = "The newer generation.")
  int to;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Override
  public Integer call() {
    return Run.request(new Request.Diff(state.state(), from, to, json ? Request.Format.JSON : Request.Format.TEXT));
  }
}
