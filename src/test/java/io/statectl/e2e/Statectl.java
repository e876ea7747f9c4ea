package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the assembled {@code statectl} (shell/target/app) as a separate process, the way a user
 * does, against a state directory and home of the test's own.
 */
final class Statectl {
  static final Path APP = Path.of(System.getProperty("statectl.app", "shell/target/app")).toAbsolutePath();
  static final Path REPO = Path.of(System.getProperty("statectl.repo", ".")).toAbsolutePath();
  private final Path stateDir;

  Statectl(Path stateDir) {
    this.stateDir = stateDir;
  }

  Path stateDir() {
    return stateDir;
  }

  /** Runs {@code statectl args… --state-dir <ours>} (the option goes after the subcommand path). */
  Result run(String... args) {
    return exec(command(args));
  }

  /** The command line {@link #run} executes, for tests that start processes themselves. */
  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Ddisable-axoniq-console-message=true", "-Dstatectl.plugins=" + APP.resolve("plugins"),
        "-cp", APP.resolve("lib") + "/*", "io.statectl.shell.Main"));
    cmd.addAll(List.of(args));
    cmd.add("--state-dir");
    cmd.add(stateDir.toString());
    return cmd;
  }

  static Result exec(List<String> cmd) {
    assertTrue(Files.isDirectory(APP.resolve("lib")), "the application assembly is missing: " + APP);
    try {
      Path out = Files.createTempFile("statectl-out", ".txt");
      Path err = Files.createTempFile("statectl-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().remove("STATECTL_STATE_DIR");
      pb.environment().remove("STATECTL_TIMINGS");
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("statectl did not finish in 120 s: " + cmd);
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  record Result(int exit, String out, String err) {
    Result ok() {
      if (exit != 0) {
        throw new AssertionError("statectl exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}
