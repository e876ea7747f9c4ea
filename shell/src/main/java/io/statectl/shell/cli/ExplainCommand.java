package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain an error code (STC-E001, E001 or 1): what it means, a typical cause and the fix.",
        "With no code, list every code with its exit code."})
final class ExplainCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Parameters(arity = "0..1", paramLabel = "CODE", description = "The code, as printed in `error[STC-E001]`.")
  String code;

  @Override
  public Integer call() {
    return Run.request(new Request.Explain(state.state(), Optional.ofNullable(code)));
  }
}
