package io.statectl.shell.cli;

import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.shell.engine.Request;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code statectl deploy-node …}: the node's side of {@code statectl deploy}, which runs it over
 * ssh. Hidden, and always in its own JVM (the client's in-process list): {@code receive} speaks
 * over stdin/stdout, and the watcher must outlive the ssh session.
 */
@Command(name = "deploy-node", hidden = true, mixinStandardHelpOptions = true,
    description = "The node's side of `statectl deploy` (run by it over ssh).",
    subcommands = {DeployNodeCommand.Receive.class, DeployNodeCommand.Activate.class, DeployNodeCommand.Watch.class,
        DeployNodeCommand.Confirm.class, DeployNodeCommand.Status.class})
final class DeployNodeCommand {

  @Command(name = "receive", description = "Answer an offered closure on stdin/stdout and register the paths sent.")
  static final class Receive implements Callable<Integer> {
    @Mixin StateOptions state;
    @Option(names = "--token", paramLabel = "TOKEN",
        description = "Keep the offered closure from gc until `activate --token TOKEN` (or 10 minutes).")
    String token;

    @Override
    public Integer call() {
      return Run.request(new Request.NodeReceive(state.state(), System.in, Invocation.current().out(),
          Optional.ofNullable(token)));
    }
  }

  @Command(name = "activate", description = "Record and activate received generations; arm the revert watcher.")
  static final class Activate implements Callable<Integer> {
    @Mixin StateOptions state;
    @Mixin WaitOptions waitOptions;

    @Option(names = "--host", required = true, paramLabel = "NAME") String host;
    @Option(names = "--snapshot", required = true, paramLabel = "PATH") String snapshot;
    @Option(names = "--generation", required = true, paramLabel = "PROFILE=PATH") List<String> generations;
    @Option(names = "--home", paramLabel = "DIR") Path home;
    @Option(names = "--root", paramLabel = "DIR") Path root;
    @Option(names = "--backup") boolean backup;
    @Option(names = "--confirm-timeout", paramLabel = "DURATION") String confirmTimeout;
    @Option(names = "--token", required = true, paramLabel = "TOKEN") String token;

    @Override
    public Integer call() {
      Map<String, String> g = new LinkedHashMap<>();
      for (String s : generations) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
              "--generation takes PROFILE=PATH, not " + s);
        }
        g.put(s.substring(0, eq), s.substring(eq + 1));
      }
      Path launcher = Run.pluginDir().resolveSibling("bin").resolve("statectl");
      return Run.request(new Request.NodeActivate(state.state(), host, snapshot, g,
          home != null ? home : Invocation.current().home(), Optional.ofNullable(root),
          backup ? BackupPolicy.BACK_UP : BackupPolicy.REFUSE,
          Optional.ofNullable(confirmTimeout).map(t -> Durations.parse(t, "--confirm-timeout")), token, launcher),
          waitOptions.waitTimeout());
    }
  }

  @Command(name = "watch", description = "Wait for the confirmation of an activation; revert it at the deadline.")
  static final class Watch implements Callable<Integer> {
    @Mixin StateOptions state;
    @Option(names = "--token", required = true, paramLabel = "TOKEN") String token;

    @Override
    public Integer call() {
      return Run.request(new Request.NodeWatch(state.state(), token));
    }
  }

  @Command(name = "confirm", description = "Confirm an activation (the deployer, over a new connection).")
  static final class Confirm implements Callable<Integer> {
    @Mixin StateOptions state;
    @Option(names = "--token", required = true, paramLabel = "TOKEN") String token;

    @Override
    public Integer call() {
      return Run.request(new Request.NodeConfirm(state.state(), token));
    }
  }

  @Command(name = "status", description = "Whether an activation is pending, confirmed or reverted.")
  static final class Status implements Callable<Integer> {
    @Mixin StateOptions state;
    @Option(names = "--token", required = true, paramLabel = "TOKEN") String token;

    @Override
    public Integer call() {
      return Run.request(new Request.NodeStatus(state.state(), token));
    }
  }
}
