package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "What changed from generation A to B (or to what --config would build): files added, removed "
        + "and changed (with a unified diff for small text files), packages, services, closure size.")
final class DiffCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin ProfileOption profile;

  @Mixin StateOptions state;

  @Parameters(index = "0", paramLabel = "A", description = "The older generation.")
  int from;

  @Parameters(index = "1", paramLabel = "B", arity = "0..1", description = "The newer generation (or give --config).")
  Integer to;

  @Option(names = "--config", paramLabel = "DIR", description = "Compare with what this configuration would build instead of B.")
  java.nio.file.Path config;

  @Option(names = "--host", paramLabel = "NAME", description = "With --config: the host to evaluate.")
  String host;

  @Option(names = "--json", description = "Print JSON for tools.")
  boolean json;

  @Override
  public Integer call() {
    Request.DiffTarget target;
    if (config != null) {
      if (to != null || host == null) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "give either B, or --config DIR with --host NAME");
      }
      target = new Request.DiffTarget.Configuration(config, host);
    } else if (to != null) {
      target = new Request.DiffTarget.Generation(to);
    } else {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "give the newer generation B, or --config DIR --host NAME");
    }
    return Run.request(new Request.Diff(state.state(), from, target, json ? Request.Format.JSON : Request.Format.TEXT,
        profile.profile));
  }
}
