package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the assembled {@code statectl} (shell/target/app/bin/statectl) as a separate process, the
 * way a user does, against a state directory and home of the test's own. By default that is the
 * thin client talking to a resident server; with {@code -Dstatectl.mode=in-process} every command
 * runs in its own JVM ({@code STATECTL_NO_SERVER=1}). The build runs the suite both ways.
 */
final class Statectl {
  static final Path APP = Path.of(System.getProperty("statectl.app", "shell/target/app")).toAbsolutePath();
  static final Path REPO = Path.of(System.getProperty("statectl.repo", ".")).toAbsolutePath();
  static final boolean IN_PROCESS = "in-process".equals(System.getProperty("statectl.mode"));
  /** The working directory of every statectl this test JVM starts: a temp dir of its own. */
  static final Path WORKING_DIR = workingDir();
  private final Path stateDir;
  private final Path app;

  private static Path workingDir() {
    try {
      Path dir = Files.createTempDirectory("statectl-e2e-cwd");
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  Statectl(Path stateDir) {
    this(stateDir, APP);
  }

  /** A statectl of another assembly (a copy, to play an older build). */
  Statectl(Path stateDir, Path app) {
    this.stateDir = stateDir;
    this.app = app;
  }

  Path stateDir() {
    return stateDir;
  }

  /** Runs {@code statectl args… --state-dir <ours>} (the option goes after the subcommand path). */
  Result run(String... args) {
    return exec(command(args), Map.of());
  }

  /** Like {@link #run}, with extra environment variables. */
  Result run(Map<String, String> env, String... args) {
    return exec(command(args), env);
  }

  /** Starts {@code statectl args… --state-dir <ours>} without waiting for it. */
  Running start(Map<String, String> env, String... args) {
    try {
      Path out = Files.createTempFile("statectl-out", ".txt");
      Path err = Files.createTempFile("statectl-err", ".txt");
      Process p = builder(command(args), env).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      return new Running(p, out, err);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A process builder for {@code statectl args… --state-dir <ours>} with the mode's environment,
   * for tests that start several processes at once.
   */
  ProcessBuilder processBuilder(String... args) {
    return builder(command(args), Map.of());
  }

  private List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(app.resolve("bin/statectl").toString()));
    cmd.addAll(List.of(args));
    cmd.add("--state-dir");
    cmd.add(stateDir.toString());
    return cmd;
  }

  static Result exec(List<String> cmd, Map<String, String> env) {
    RealRoot before = RealRoot.now();
    Result result = execUnwatched(cmd, env);
    RealRoot.now().assertUnchangedSince(before, cmd);
    return result;
  }

  private static Result execUnwatched(List<String> cmd, Map<String, String> env) {
    Running r;
    try {
      Path out = Files.createTempFile("statectl-out", ".txt");
      Path err = Files.createTempFile("statectl-err", ".txt");
      r = new Running(builder(cmd, env).redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return r.await();
  }

  private static ProcessBuilder builder(List<String> cmd, Map<String, String> env) {
    assertTrue(Files.isDirectory(APP.resolve("lib")), "the application assembly is missing: " + APP);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.directory(WORKING_DIR.toFile()); // `build` links ./result there, never into the repository
    pb.environment().remove("STATECTL_STATE_DIR");
    pb.environment().remove("STATECTL_TIMINGS");
    pb.environment().remove("STATECTL_PAUSE_BEFORE");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    if (IN_PROCESS) {
      pb.environment().put("STATECTL_NO_SERVER", "1");
    } else {
      pb.environment().remove("STATECTL_NO_SERVER");
    }
    pb.environment().putAll(env);
    return pb;
  }

  /** A statectl process that was started and may still run. */
  record Running(Process process, Path out, Path err) {
    /** What it printed on stderr so far. */
    String errSoFar() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    /** Waits (at most 60 s) until stderr contains {@code text}. */
    void awaitErr(String text) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!errSoFar().contains(text)) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new AssertionError("statectl did not print '" + text + "'; stderr so far:\n" + errSoFar());
        }
        Pause.millis(20);
      }
    }

    Result await() {
      try {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("statectl did not finish in 120 s");
        }
        Result r = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
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

  /** Polling waits for other processes (there is nothing to be notified by). */
  static final class Pause {
    private Pause() {}

    static void millis(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
