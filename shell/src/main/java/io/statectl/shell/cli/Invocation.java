package io.statectl.shell.cli;

import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.PhaseTimer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The process a command line runs for: its working directory, home, environment, output streams
 * and terminal. In a CLI process that is this process; in the resident server it is the client's,
 * sent over the socket — so nothing in the commands may read {@code System.getenv},
 * {@code user.dir} or {@code System.out} directly. Bound to the thread that runs the command
 * ({@link #current}).
 */
public record Invocation(Path cwd, Path home, Map<String, String> env, PrintStream out, PrintStream err,
    Terminal terminal, int width, Caller caller, PhaseTimer timer) {

  /** Whether the process has a console (stdin and stdout are terminals); {@code width} is its columns, 0 if unknown. */
  public enum Terminal { INTERACTIVE, NOT_INTERACTIVE }

  private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

  public Invocation {
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(home, "home");
    env = Map.copyOf(env);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(timer, "timer");
  }

  /** This process: its cwd, home, environment, stdout and stderr. */
  public static Invocation thisProcess() {
    Map<String, String> env = System.getenv();
    return new Invocation(Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")), env, System.out,
        System.err, System.console() != null ? Terminal.INTERACTIVE : Terminal.NOT_INTERACTIVE, 0,
        Caller.thisProcess(env), new PhaseTimer("1".equals(env.get("STATECTL_TIMINGS"))));
  }

  /** The invocation the current thread runs a command for. */
  static Invocation current() {
    Invocation i = CURRENT.get();
    return i != null ? i : thisProcess();
  }

  /** Runs {@code body} with this invocation bound to the current thread. */
  int bind(java.util.function.IntSupplier body) {
    Invocation previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return body.getAsInt();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** A path the user typed, resolved as their shell would: against their working directory. */
  Path resolve(String typed) {
    return cwd.resolve(typed);
  }
}
