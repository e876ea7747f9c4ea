package io.statectl.shell.cli;

import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.PhaseTimer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs a statectl command line in this JVM for a home and working directory of the test's own. */
final class InProcessCli {
  record Result(int exit, String out, String err) {}

  private InProcessCli() {}

  static Result run(Path cwd, Path home, String... args) {
    return run(cwd, home, Map.of(), args);
  }

  static Result run(Path cwd, Path home, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    Invocation inv = new Invocation(cwd, home, env, o, e, Invocation.Terminal.NOT_INTERACTIVE, 0,
        Caller.thisProcess(env), new PhaseTimer(false));
    int rc = StatectlCommand.run(args, inv);
    return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
