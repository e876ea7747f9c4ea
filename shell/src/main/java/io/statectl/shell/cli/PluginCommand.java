package io.statectl.shell.cli;

import io.statectl.kernel.plugins.InstallPlugin;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plugin", mixinStandardHelpOptions = true, description = "Install, pin, upgrade and remove module plugins.",
    subcommands = {PluginCommand.Install.class, PluginCommand.Upgrade.class, PluginCommand.ListPlugins.class,
        PluginCommand.Remove.class, PluginCommand.Verify.class})
final class PluginCommand {

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Install a plugin jar from a path or URL; with --config, pin it in the configuration's statectl.lock.")
  static final class Install implements Callable<Integer> {
    @Mixin StateOptions state;

    @Parameters(paramLabel = "PATH|URL", description = "The plugin jar.")
    String source;

    @Option(names = "--sha256", paramLabel = "HEX", description = "The expected SHA-256 (required for URLs).")
    String sha256;

    @Option(names = "--config", paramLabel = "DIR", description = "Pin the plugin in DIR/statectl.lock.")
    Path config;

    @Override
    public Integer call() {
      return Run.request(new Request.PluginInstall(state.state(), Run.pluginSource(source), Optional.ofNullable(sha256),
          Optional.ofNullable(config), InstallPlugin.Intent.INSTALL, Optional.empty()));
    }
  }

  @Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Replace an installed plugin with another version.")
  static final class Upgrade implements Callable<Integer> {
    @Mixin StateOptions state;

    @Parameters(index = "0", paramLabel = "ID", description = "The plugin's id.")
    String id;

    @Parameters(index = "1", paramLabel = "PATH|URL", description = "The new jar.")
    String source;

    @Option(names = "--sha256", paramLabel = "HEX", description = "The expected SHA-256 (required for URLs).")
    String sha256;

    @Option(names = "--config", paramLabel = "DIR", description = "Update the pin in DIR/statectl.lock.")
    Path config;

    @Override
    public Integer call() {
      return Run.request(new Request.PluginInstall(state.state(), Run.pluginSource(source), Optional.ofNullable(sha256),
          Optional.ofNullable(config), InstallPlugin.Intent.UPGRADE, Optional.of(id)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List plugins: id, version, state, source and the options each declares.")
  static final class ListPlugins implements Callable<Integer> {
    @Mixin StateOptions state;

    @Option(names = "--config", paramLabel = "DIR", description = "Show which plugins DIR/statectl.lock pins.")
    Path config;

    @Option(names = "--json", description = "Print JSON for tools.")
    boolean json;

    @Override
    public Integer call() {
      return Run.request(new Request.PluginList(state.state(), Optional.ofNullable(config),
          json ? Request.Format.JSON : Request.Format.TEXT));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove an installed plugin; refused while the active configuration uses its options.")
  static final class Remove implements Callable<Integer> {
    @Mixin StateOptions state;

    @Parameters(paramLabel = "ID", description = "The plugin's id.")
    String id;

    @Option(names = "--config", paramLabel = "DIR", description = "Also unpin it from DIR/statectl.lock.")
    Path config;

    @Option(names = "--force", description = "Remove it even though the active generation uses it.")
    boolean force;

    @Override
    public Integer call() {
      return Run.request(new Request.PluginRemove(state.state(), id, Optional.ofNullable(config),
          force ? Request.Overwrite.REPLACE_MANAGED_LINK : Request.Overwrite.REFUSE));
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Compare the installed plugins' hashes with the configuration's statectl.lock.")
  static final class Verify implements Callable<Integer> {
    @Mixin StateOptions state;

    @Option(names = "--config", paramLabel = "DIR", required = true, description = "The configuration repository.")
    Path config;

    @Override
    public Integer call() {
      return Run.request(new Request.PluginVerify(state.state(), config));
    }
  }
}
