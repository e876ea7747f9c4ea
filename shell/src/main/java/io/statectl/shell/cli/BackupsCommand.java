package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backups", mixinStandardHelpOptions = true,
    description = "List files that activation saved into the store before replacing them, with how to restore each.")
final class BackupsCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Override
  public Integer call() {
    return Run.request(new Request.Backups(state.state(), json ? Request.Format.JSON : Request.Format.TEXT));
  }
}
