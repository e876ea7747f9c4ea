package io.statectl.shell.cli;

import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Build the hosts of deploy.toml's nodes here, copy what each node's store lacks over ssh (your own "
        + "OpenSSH client and its config), activate there with the node's statectl, and confirm over a new ssh "
        + "connection; a node that gets no confirmation within confirmTimeout reverts by itself. Ends with one line "
        + "per node.")
final class DeployCommand implements Callable<Integer> {
  @Mixin StateOptions state;
  @Mixin WaitOptions waitOptions;

  @Parameters(paramLabel = "NODE", arity = "0..*", description = "The nodes to deploy (default: every node of deploy.toml).")
  List<String> nodes = new ArrayList<>();

  @Option(names = "--config", paramLabel = "DIR", description = "The configuration repository, with deploy.toml beside hosts/ (default: $STATECTL_CONFIG, else the current directory).")
  Path config;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "4", description = "How many nodes to copy to and activate at once (default: 4).")
  int jobs;

  @Option(names = "--json", description = "Print the summary as JSON for tools.")
  boolean json;

  @Option(names = "--backup", description = "On the nodes, save files in the way into their stores instead of refusing.")
  boolean backup;

  @Option(names = "--dry-run", description = "Evaluate and build, print what each node would get, connect to none.")
  boolean dryRun;

  @Override
  public Integer call() {
    return Run.request(new Request.Deploy(state.state(), ConfigLocation.config(config), nodes, jobs,
        json ? Request.Format.JSON : Request.Format.TEXT, backup ? BackupPolicy.BACK_UP : BackupPolicy.REFUSE,
        dryRun ? Request.Mode.DRY_RUN : Request.Mode.CHANGE, Invocation.current().env()), waitOptions.waitTimeout());
  }
}
