package io.statectl.client;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code statectl} command a user runs: a thin client that hands the command line to the
 * resident server of the state directory (starting it when none answers) and streams its output
 * and exit code back unchanged. Ctrl-C is forwarded as cancellation; a second Ctrl-C leaves at
 * once. JDK classes only.
 *
 * <p>Commands run in-process instead (a child JVM with the whole engine) while the state
 * directory does not exist yet — a server would have to create it, and statectl never creates
 * state for a command that records nothing — when its socket path would be too long, or for
 * the commands in {@link #IN_PROCESS_COMMANDS}.
 *
 * <p>System properties, set by the launcher: {@code statectl.app} (the assembly, holding
 * {@code lib/} and {@code plugins/}) and {@code statectl.launcher} (the script that starts the
 * engine JVM: {@code statectl server …}, or any command with {@code STATECTL_NO_SERVER=1}).
 */
public final class Client {
  /** Exit code when the server died during the command; the same as {@code STC-E012} in the shell's table. */
  public static final int EXIT_SERVER_DIED = 75;
  /** Exit code after a second Ctrl-C, as shells report a SIGINT death. */
  public static final int EXIT_INTERRUPTED = 130;
  /** Environment variables a command may read; nothing else of the client's environment is sent. */
  private static final List<String> ENV_NAMES = List.of("HOME", "USER", "LOGNAME", "LANG", "TZ", "TERM", "COLUMNS",
      "NO_COLOR");
  private static final List<String> ENV_PREFIXES = List.of("STATECTL_", "XDG_", "LC_");

  /**
   * Commands the server does not serve warm: {@code replay} deletes and rebuilds the read models
   * the server keeps open for its other commands, so it runs in its own JVM (the server notices
   * the replaced files and reopens them on its next command). {@code cache serve} serves until
   * stopped, which would hold a server thread (the other {@code cache} commands, push above all,
   * run warm in the server: in a fresh JVM a 1,000-path push spent most of its CPU compiling).
   * {@code deploy} runs ssh with the user's own environment, terminal and agent, for minutes; its
   * node side {@code deploy-node} speaks a binary protocol over stdin and leaves a watcher behind.
   */
  private static final java.util.Set<String> IN_PROCESS_COMMANDS = java.util.Set.of("replay", "deploy", "deploy-node");

  private static boolean runsInProcess(List<String> argv) {
    return !argv.isEmpty() && (IN_PROCESS_COMMANDS.contains(argv.get(0))
        || (argv.get(0).equals("cache") && argv.size() > 1 && argv.get(1).equals("serve")));
  }

  private final Path app;
  private final Path launcher;
  private final Map<String, String> env;
  private final Path cwd;
  private final Path home;
  private final OutputStream stdout = new FileOutputStream(FileDescriptor.out);
  private final OutputStream stderr = new FileOutputStream(FileDescriptor.err);

  Client(Path app, Path launcher, Map<String, String> env, Path cwd, Path home) {
    this.app = app;
    this.launcher = launcher;
    this.env = env;
    this.cwd = cwd;
    this.home = home;
  }

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--cds-training")) {
      Training.run();
      return;
    }
    String app = System.getProperty("statectl.app");
    String launcher = System.getProperty("statectl.launcher");
    if (app == null || launcher == null) {
      System.err.println("statectl: the client needs -Dstatectl.app and -Dstatectl.launcher (run it through bin/statectl)");
      System.exit(70);
    }
    Client c = new Client(Path.of(app), Path.of(launcher), System.getenv(), Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")));
    System.exit(c.run(Arrays.asList(args)));
  }

  int run(List<String> argv) {
    if (argv.size() == 1 && (argv.get(0).equals("--version") || argv.get(0).equals("-V"))) {
      // A fact of this installation: no server needed. The same line as the engine's picocli
      // version provider (both jars carry the build's Implementation-Version).
      String v = Client.class.getPackage().getImplementationVersion();
      try {
        stdout.write(("statectl " + (v == null ? "(development build)" : v) + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        stdout.flush();
      } catch (java.io.IOException e) {
        return 74; // stdout closed: nothing else to say
      }
      return 0;
    }
    List<String> translated = SandboxAlias.translate(argv, env);
    if (translated != argv) {
      writeQuietly(stderr, SandboxAlias.warning());
      argv = translated;
    }
    ServerFiles files = new ServerFiles(StateDirs.resolve(argv, env, cwd, home));
    ServerLauncher servers = new ServerLauncher(files, launcher);
    if (argv.size() >= 2 && argv.get(0).equals("server")) {
      if (argv.get(1).equals("stop")) {
        return say(servers.stop());
      }
      if (argv.get(1).equals("status")) {
        return say(status(servers, files));
      }
    }
    if (!Files.isDirectory(files.stateDir()) || !files.socketPathFits()
        || runsInProcess(argv)) {
      return inProcess(argv);
    }
    String build = BuildId.of(app);
    RunRequest request = new RunRequest(build, argv, cwd.toString(), home.toString(), passedEnv(), pid(),
        terminal(), streams(), columns());
    for (int attempt = 1; ; attempt++) {
      SocketChannel ch;
      long t0 = System.nanoTime();
      try {
        ch = servers.connectOrStart();
      } catch (ServerLauncher.ServerUnavailableException e) {
        return fail("error[STC-E012]: " + e.getMessage() + "\n  hint: rerun; or pass --no-server to run without it");
      }
      long t1 = System.nanoTime();
      Outcome o = exchange(ch, request);
      if (o.kind == Outcome.Kind.EXITED) {
        if ("1".equals(env.get("STATECTL_TIMINGS"))) {
          ClientTimings.report(stderr, t0, t1, System.nanoTime());
        }
        return o.code;
      }
      if (o.kind == Outcome.Kind.DIED) {
        return fail("error[STC-E012]: the statectl server for " + files.stateDir() + " died during the command; rerun"
            + "\n  hint: the next command starts a new server; its log is " + files.log());
      }
      if (attempt >= 3) {
        return fail("error[STC-E012]: the statectl server for " + files.stateDir() + " does not accept commands"
            + "\n  hint: `statectl server stop`, then rerun; its log is " + files.log());
      }
      if (o.kind == Outcome.Kind.WRONG_BUILD || attempt >= 2) {
        servers.stop(); // a server of another build (or one that refuses us) is replaced
      }
    }
  }

  /** What became of one request on one connection. */
  private record Outcome(Kind kind, int code) {
    enum Kind { EXITED, WRONG_BUILD, NOT_ACCEPTED, DIED }
  }

  private Outcome exchange(SocketChannel ch, RunRequest request) {
    Outcome o = talk(ch, request);
    if (o.kind != Outcome.Kind.EXITED) {
      ServerLauncher.closeQuietly(ch);
    }
    // else the process exits now, which closes the socket: closing it first would cost a JDK 25
    // client the initialisation of its whole network stack (~15 ms interpreted).
    return o;
  }

  private Outcome talk(SocketChannel ch, RunRequest request) {
    AtomicInteger interrupts = new AtomicInteger();
    boolean accepted = false;
    try {
      Frames.writeMagic(ch);
      Frames.write(ch, new Frame(FrameType.RUN, request.encode()));
      Signals.onInterrupt(new Canceller(ch, interrupts));
      while (true) {
        Optional<Frame> next = Frames.read(ch);
        if (next.isEmpty()) {
          return new Outcome(accepted ? Outcome.Kind.DIED : Outcome.Kind.NOT_ACCEPTED, 0);
        }
        Frame f = next.get();
        switch (f.type()) {
          case ACCEPTED:
            accepted = true;
            break;
          case STDOUT:
            stdout.write(f.payload());
            break;
          case STDERR:
            stderr.write(f.payload());
            break;
          case EXIT:
            return new Outcome(Outcome.Kind.EXITED, f.exitCode());
          case WRONG_BUILD:
            return new Outcome(Outcome.Kind.WRONG_BUILD, 0);
          default:
            break; // frames meant for servers, or unused here: ignored
        }
      }
    } catch (IOException e) {
      return new Outcome(accepted ? Outcome.Kind.DIED : Outcome.Kind.NOT_ACCEPTED, 0);
    } finally {
      Signals.onInterrupt(null);
    }
  }

  /**
   * Ctrl-C during a command: the first asks the server to cancel, a second leaves at once. A class
   * rather than a lambda, as everything on the client's path: each lambda or string concatenation
   * bootstrapped costs its short, interpreted JVM milliseconds (see the client's pom).
   */
  private final class Canceller implements Runnable {
    private final SocketChannel ch;
    private final AtomicInteger interrupts;

    Canceller(SocketChannel ch, AtomicInteger interrupts) {
      this.ch = ch;
      this.interrupts = interrupts;
    }

    @Override
    public void run() {
      if (interrupts.incrementAndGet() > 1) {
        writeQuietly(stderr, "\nstatectl: interrupted again; leaving (the server finishes or undoes the current step)\n");
        Runtime.getRuntime().halt(EXIT_INTERRUPTED);
      }
      try {
        Frames.write(ch, Frame.empty(FrameType.CANCEL));
      } catch (IOException e) {
        // the server is gone; the reading side reports it
      }
    }
  }

  private String status(ServerLauncher servers, ServerFiles files) {
    Optional<SocketChannel> live = servers.connect();
    if (live.isEmpty()) {
      return "no statectl server is running for " + files.stateDir();
    }
    try (SocketChannel ch = live.get()) {
      Frames.writeMagic(ch);
      Frames.write(ch, Frame.empty(FrameType.STATUS));
      String text = Frames.read(ch).map(Frame::text).orElse("the server closed the connection");
      String mine = BuildId.of(app);
      return text + (text.contains("build " + mine) ? "" : "\n(this client is build " + mine
          + "; its next command replaces that server)");
    } catch (IOException e) {
      return "the statectl server for " + files.stateDir() + " does not answer: " + e.getMessage();
    }
  }

  /** Runs the command in a JVM of its own with the whole engine, its output going straight to ours. */
  private int inProcess(List<String> argv) {
    try {
      ProcessBuilder pb = new ProcessBuilder(launcher.toString());
      pb.command().addAll(argv);
      pb.environment().put("STATECTL_NO_SERVER", "1");
      Process p = pb.inheritIO().start();
      Signals.onInterrupt(new Runnable() {
        @Override
        public void run() {
          // the child gets the terminal's Ctrl-C itself
        }
      });
      return p.waitFor();
    } catch (IOException e) {
      return fail("statectl: cannot start " + launcher + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_INTERRUPTED;
    }
  }

  private Map<String, String> passedEnv() {
    Map<String, String> passed = new TreeMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String k = e.getKey();
      boolean wanted = ENV_NAMES.contains(k);
      for (int i = 0; !wanted && i < ENV_PREFIXES.size(); i++) {
        wanted = k.startsWith(ENV_PREFIXES.get(i));
      }
      if (wanted) {
        passed.put(k, e.getValue());
      }
    }
    return passed;
  }

  /** The pid the launcher exec'd into ({@code -Dstatectl.pid=$$}), which saves loading ProcessHandle. */
  private static long pid() {
    String p = System.getProperty("statectl.pid", "");
    try {
      return p.isEmpty() ? ProcessHandle.current().pid() : Long.parseLong(p);
    } catch (NumberFormatException e) {
      return ProcessHandle.current().pid();
    }
  }

  /**
   * Interactive as {@code System.console() != null} is on JDK 17 — stdin and stdout are both
   * terminals — from the launcher's tests ({@code -Dstatectl.ttys=in,out,…}): on JDK 22+
   * {@code System.console()} answers differently, and the client may run on a newer JDK.
   */
  private static RunRequest.Terminal terminal() {
    String ttys = System.getProperty("statectl.ttys");
    boolean console = ttys == null ? System.console() != null : ttys.contains("in") && ttys.contains("out");
    return console ? RunRequest.Terminal.INTERACTIVE : RunRequest.Terminal.NOT_INTERACTIVE;
  }

  /** Which of stdout and stderr are terminals: the launcher tests them ({@code -Dstatectl.ttys=}, "out,err"). */
  private static RunRequest.Streams streams() {
    String ttys = System.getProperty("statectl.ttys", "");
    return RunRequest.Streams.of(ttys.contains("out"), ttys.contains("err"));
  }

  /** The terminal's width: {@code -Dstatectl.columns} from the launcher, else {@code $COLUMNS}, else 0. */
  private int columns() {
    try {
      String c = System.getProperty("statectl.columns", env.getOrDefault("COLUMNS", "0"));
      return c.isEmpty() ? 0 : Integer.parseInt(c.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private int say(String text) {
    writeQuietly(stdout, text + "\n");
    return 0;
  }

  private int fail(String text) {
    writeQuietly(stderr, text + "\n");
    return EXIT_SERVER_DIED;
  }

  private static void writeQuietly(OutputStream out, String text) {
    try {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      // nowhere left to report it
    }
  }
}
