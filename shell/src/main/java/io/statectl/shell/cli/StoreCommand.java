package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "store", mixinStandardHelpOptions = true, description = "Inspect the store.",
    subcommands = StoreCommand.PathInfoCommand.class)
final class StoreCommand {

  @Command(name = "path-info", mixinStandardHelpOptions = true,
      description = "Show what the store index knows about a path: hash, size, references, registration time.")
  static final class PathInfoCommand implements Callable<Integer> {
    @Mixin StateOptions state;

    @Parameters(paramLabel = "PATH", description = "A store path (absolute, or its <hash>-<name> part).")
    String path;

    @Option(names = "--json", description = "Print JSON for tools.")
    boolean json;

    @Option(names = "--closure-size", description = "Print the path's size and the size of its closure (it and everything it references).")
    boolean closureSize;

    @Override
    public Integer call() {
      // a path with a slash is a file the user names, relative to their working directory
      String named = path.contains("/") ? Invocation.current().resolve(path).toString() : path;
      Request.Format format = json ? Request.Format.JSON : Request.Format.TEXT;
      if (closureSize) {
        return Run.request(new Request.ClosureSize(state.state(), named, format));
      }
      return Run.request(new Request.PathInfo(state.state(), named, format));
    }
  }
}
