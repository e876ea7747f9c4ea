package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Evaluate the configuration without building anything and report all problems at once "
        + "(of every host, unless --host is given).")
final class CheckCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin PlatformOption platform;

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--host", paramLabel = "NAME", description = "Check only these hosts (repeatable).")
  List<String> hosts;

  @Option(names = "--root", paramLabel = "DIR", description = "Look for this machine's host key under DIR (default /): "
      + "the secrets of the host whose key it is are decrypted, in memory, to prove they open.")
  Path root;

  @Override
  public Integer call() {
    return Run.request(new Request.Check(state.state(), ConfigLocation.config(config),
        hosts == null ? List.of() : hosts, platform.platform(),
        java.util.Optional.ofNullable(root)));
  }
}
