package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build packages of a host's configuration in the sandbox and print their store paths. "
        + "Without PACKAGE, builds every package the host declares for its platform. Unchanged packages "
        + "are not rebuilt.")
final class BuildCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--host", paramLabel = "NAME", description = "Which hosts/<NAME>.toml to build for (default: this machine's host name).")
  String host;

  @Mixin PlatformOption platform;
  @Mixin SubstituterOptions substitutes;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Build up to N derivations at once (default: the number of cores).")
  Integer jobs;

  @Option(names = {"-k", "--keep-going"}, description = "After a failure, keep building everything that does not depend on it.")
  boolean keepGoing;

  @Option(names = "--check", description = "Rebuild the packages and compare with the stored result; name the first file that differs.")
  boolean check;

  @Option(names = "--json", description = "Print one JSON object per build event and result, for tools.")
  boolean json;

  @Option(names = {"-o", "--out-link"}, paramLabel = "PATH", defaultValue = "result",
      description = "Link each built package here (default ./result; more packages get result-2, result-3, …); "
          + "the link is a GC root until it is removed or re-pointed.")
  Path outLink;

  @Option(names = "--no-out-link", description = "Do not create out-links: the build's outputs are garbage for the next gc.")
  boolean noOutLink;

  @Parameters(paramLabel = "PACKAGE", arity = "0..*", description = "Names of packages.<name> to build.")
  List<String> packages = new ArrayList<>();

  @Override
  public Integer call() {
    int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--jobs must be at least 1");
    }
    return Run.request(new Request.Build(state.state(), ConfigLocation.config(config), ConfigLocation.host(host),
        platform.platform(), packages, n, keepGoing ? Request.Failures.KEEP_GOING : Request.Failures.STOP,
        check ? Request.Verification.REBUILD_AND_COMPARE : Request.Verification.NONE,
        json ? Request.Format.JSON : Request.Format.TEXT,
        noOutLink ? java.util.Optional.empty() : java.util.Optional.of(Invocation.current().resolve(outLink.toString())),
        substitutes.flags()));
  }
}
