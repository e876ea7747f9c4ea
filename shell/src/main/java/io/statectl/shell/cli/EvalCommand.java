package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Print an option's merged value for a host, and every definition that contributed, with its "
        + "location and priority (* marks those that won).")
final class EvalCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin PlatformOption platform;

  @Parameters(paramLabel = "OPTION.PATH", description = "e.g. system.hostname or files.\".gitconfig\".source")
  String option;

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--host", paramLabel = "NAME", description = "The host to evaluate (default: this machine's host name).")
  String host;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Override
  public Integer call() {
    return Run.request(new Request.Eval(state.state(), ConfigLocation.config(config), ConfigLocation.host(host),
        platform.platform(), option, json ? Request.Format.JSON : Request.Format.TEXT));
  }
}
