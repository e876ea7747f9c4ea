package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "install", mixinStandardHelpOptions = true,
    description = "Put a configuration onto another root (an empty directory or a bootstrapped base system): "
        + "its own state directory <root>/var/lib/statectl with generation 1, /etc entries, accounts and units. "
        + "Never touches the running system.")
final class InstallCommand implements Callable<Integer> {
  @Mixin StateOptions installer; // the running system's state directory: its log records Installed
  @Mixin WaitOptions waitOptions;

  @Option(names = "--root", paramLabel = "DIR", required = true, description = "The new machine's root directory (never /).")
  Path root;

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--host", paramLabel = "NAME", description = "Which hosts/<NAME>.toml to install (default: this machine's host name).")
  String host;

  @Mixin PlatformOption platform;
  @Mixin SubstituterOptions substitutes;

  @Option(names = "--force", description = "Install again onto a root that has a statectl state directory (its generations are discarded).")
  boolean force;

  @Override
  public Integer call() {
    return Run.request(new Request.Install(installer.state(), root, ConfigLocation.config(config), ConfigLocation.host(host),
        platform.platform(), force, substitutes.flags()), waitOptions.waitTimeout());
  }
}
