package io.statectl.shell.cli;

import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Evaluate the configuration for a host, build a new generation and activate it. "
        + "An unchanged configuration changes nothing.")
final class ApplyCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--host", paramLabel = "NAME", description = "Which hosts/<NAME>.toml to apply (default: this machine's host name).")
  String host;

  @Mixin PlatformOption platform;
  @Mixin SubstituterOptions substitutes;

  @Option(names = "--home", paramLabel = "DIR", description = "The home directory to activate into (default: $HOME).")
  Path home;

  @Option(names = "--root", paramLabel = "DIR", description = "The root that root files (e.g. launchd daemons) go under "
      + "(default: /). Managed settings run only when it is /; otherwise they are planned and printed.")
  Path root;

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--backup", description = "Save files statectl does not own into the store (see `statectl backups`) instead of refusing.")
  boolean backup;

  @Option(names = {"-m", "--message"}, paramLabel = "TEXT",
      description = "A message recorded with the new generation (shown by `generations` and `show-generation`).")
  String message;

  @Option(names = "--rollback-on-failure", description = "When units fail to start after the switch, switch back to "
      + "the previous generation (its units started again) and exit non-zero; without it the new generation stays active.")
  boolean rollbackOnFailure;

  @Option(names = "--repair", description = "Make the live home match the active generation again (see `statectl status`): "
      + "relink missing and misdirected links, save files that replaced managed links into the store and relink them. "
      + "Evaluates nothing; --config and --host are ignored.")
  boolean repair;

  @Override
  public Integer call() {
    if (repair) {
      return Run.request(new Request.Repair(state.state(), java.util.Optional.ofNullable(home)), waitOptions.waitTimeout());
    }
    return Run.request(new Request.Apply(state.state(), ConfigLocation.config(config), host(), platform.platform(), home(),
        dryRun ? Request.Mode.DRY_RUN : Request.Mode.CHANGE, backup ? BackupPolicy.BACK_UP : BackupPolicy.REFUSE,
        java.util.Optional.ofNullable(root), rollbackOnFailure ? io.statectl.kernel.activation.UnitFailurePolicy.ROLL_BACK
            : io.statectl.kernel.activation.UnitFailurePolicy.STAY, java.util.Optional.ofNullable(message),
        substitutes.flags()),
        waitOptions.waitTimeout());
  }

  private Path home() {
    return home != null ? home : Invocation.current().home();
  }

  private String host() {
    return ConfigLocation.host(host);
  }

}
