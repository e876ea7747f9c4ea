package io.statectl.shell.cli;

import io.statectl.kernel.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "statectl", mixinStandardHelpOptions = true,
    versionProvider = StatectlCommand.Version.class,
    description = "Declarative, reproducible configuration of machines and homes, with every change kept in an event log.",
    subcommands = {ApplyCommand.class, InstallCommand.class, BootCommand.class, CheckCommand.class, SecretsCommand.class, EvalCommand.class, OptionsCommand.class, GenerationsCommand.class, RollbackCommand.class, SwitchCommand.class,
        HistoryCommand.class, PluginCommand.class, StoreCommand.class, CacheCommand.class, BuildCommand.class, LogCommand.class, WhyDependsCommand.class, BackupsCommand.class, RestoreBackupCommand.class,
        // issue 4: history as the source of truth
        ShowGenerationCommand.class, DiffCommand.class, ReplayCommand.class, StatusCommand.class, GcCommand.class,
        // issue 17: pinned inputs
        LockCommand.class,
        // issue 5: the resident server
        ServerCommand.class,
        // issue 17: deploy
        DeployCommand.class, DeployNodeCommand.class,
        // issue 20: tools
        ExplainCommand.class, InitCommand.class, DoctorCommand.class, UiCommand.class, CompletionCommand.class, CompleteCommand.class, CommandLine.HelpCommand.class})
public final class StatectlCommand {

  /** Parses {@code args}, runs the command for this process, and returns the process exit code. */
  public static int run(String[] args) {
    return run(args, Invocation.thisProcess());
  }

  /**
   * Parses {@code args}, runs the command for {@code invocation} (this process, or a client of the
   * server), and returns the exit code. Paths on the command line are resolved against the
   * invocation's working directory; help and usage errors go to its streams.
   */
  public static int run(String[] args, Invocation invocation) {
    return invocation.bind(() -> execute(args, invocation));
  }

  /**
   * A command-line model built ahead, unused (picocli reflects over every command class to build
   * one: ~15–100 ms in a server on two busy cores, more than a warm {@code generations} itself).
   * Only the resident server keeps one ready ({@link #keepModelReady}); each command still gets a
   * model of its own, never used before.
   */
  private static final BlockingQueue<CommandLine> READY = new ArrayBlockingQueue<>(1);
  private static volatile Executor modelMaker;

  /** From now on, keep a model ready for the next command (for the server; see {@link #refill}). */
  public static synchronized void keepModelReady() {
    if (modelMaker == null) {
      modelMaker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "statectl-command-line-model");
        t.setDaemon(true);
        return t;
      });
      refill();
    }
  }

  /**
   * Builds the next command's model in the background, if the server keeps one ready and it was
   * taken: the server calls this once a command has answered, so that it does not compete with it.
   */
  public static void refill() {
    Executor maker = modelMaker;
    if (maker != null && READY.isEmpty()) {
      maker.execute(() -> {
        if (READY.isEmpty()) {
          READY.offer(new CommandLine(new StatectlCommand()));
        }
      });
    }
  }

  private static int execute(String[] args, Invocation invocation) {
    return execute(args, invocation, invocation.timer().time("command line model", () -> {
      CommandLine ready = READY.poll();
      return ready != null ? ready : new CommandLine(new StatectlCommand());
    }));
  }

  private static int execute(String[] args, Invocation invocation, CommandLine cli) {
    cli.setOut(new java.io.PrintWriter(invocation.out(), true));
    cli.setErr(new java.io.PrintWriter(invocation.err(), true));
    cli.registerConverter(java.nio.file.Path.class, invocation::resolve);
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes());
    cli.setExitCodeExceptionMapper(e -> ErrorCode.USAGE.exitCode());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error[" + ErrorCode.USAGE.id() + "]: " + ex.getMessage());
      ex.getCommandLine().getErr().println("  hint: `statectl " + ex.getCommandLine().getCommandName()
          + " --help` shows the usage");
      return ErrorCode.USAGE.exitCode();
    });
    return cli.execute(args);
  }

  static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0", "success (including: nothing to change)");
    Map<Integer, StringBuilder> byExit = new java.util.TreeMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      byExit.computeIfAbsent(c.exitCode(), k -> new StringBuilder())
          .append(byExit.get(c.exitCode()).length() == 0 ? "" : "; ").append(c.id()).append(" ").append(c.meaning());
    }
    byExit.forEach((k, v) -> codes.put(Integer.toString(k), v.toString()));
    return codes;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = StatectlCommand.class.getPackage().getImplementationVersion();
      return new String[] {"statectl " + (v == null ? "(development build)" : v)};
    }
  }
}
