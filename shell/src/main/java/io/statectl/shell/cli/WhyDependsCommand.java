package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "why-depends", mixinStandardHelpOptions = true,
    description = "Show a chain of references by which store path A depends on store path B.")
final class WhyDependsCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Parameters(index = "0", paramLabel = "A", description = "The path that depends.")
  String from;

  @Parameters(index = "1", paramLabel = "B", description = "The path depended on.")
  String to;

  @Override
  public Integer call() {
    return Run.request(new Request.WhyDepends(state.state(), Run.typedPath(from), Run.typedPath(to)));
  }
}
