package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "options", mixinStandardHelpOptions = true,
    description = "List the options every module declares: name, type, default, description, declaring module.")
final class OptionsCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Parameters(paramLabel = "QUERY", arity = "0..1", description = "Show only options whose name or description contains this.")
  String query;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Option(names = "--markdown", description = "Print the options reference in Markdown (how docs/options.md is made).")
  boolean markdown;

  @Override
  public Integer call() {
    Request.OptionsFormat f = json ? Request.OptionsFormat.JSON
        : markdown ? Request.OptionsFormat.MARKDOWN : Request.OptionsFormat.TEXT;
    return Run.request(new Request.Options(state.state(), query == null ? "" : query, f));
  }
}
