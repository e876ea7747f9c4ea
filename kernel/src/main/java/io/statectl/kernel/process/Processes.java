package io.statectl.kernel.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starting a child process and waiting for it: the one process runner of the kernel (builds in a
 * sandbox, activation commands, probing binaries). Standard input is {@code /dev/null}, standard
 * error is merged into standard output, and a child (with its descendants) still alive when the
 * wait ends — by an I/O error or an interrupt — is killed, so nothing outlives its caller.
 */
public final class Processes {
  private Processes() {}

  /** What a finished process printed, and its exit code. */
  public record Finished(int exitCode, byte[] output) {
    public Finished {
      output = output.clone();
    }

    @Override
    public byte[] output() {
      return output.clone();
    }
  }

  /**
   * Runs {@code command} with exactly the environment {@code env} (nothing inherited) in
   * {@code workDir}, copying its output to {@code log} as it comes, and returns its exit code.
   *
   * @throws IOException if it cannot be started
   */
  public static int run(List<String> command, Map<String, String> env, Path workDir, OutputStream log)
      throws IOException, InterruptedException {
    ProcessBuilder pb = builder(command).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return waitFor(pb.start(), log);
  }

  /**
   * Runs {@code command} in this process's environment plus {@code addedEnv}, and returns its exit
   * code with everything it printed.
   *
   * @throws IOException if it cannot be started
   */
  public static Finished capture(List<String> command, Map<String, String> addedEnv)
      throws IOException, InterruptedException {
    ProcessBuilder pb = builder(command);
    pb.environment().putAll(addedEnv);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = waitFor(pb.start(), out);
    return new Finished(code, out.toByteArray());
  }

  private static ProcessBuilder builder(List<String> command) {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
  }

  private static int waitFor(Process p, OutputStream log) throws InterruptedException {
    try (InputStream in = p.getInputStream()) {
      in.transferTo(log);
      return p.waitFor();
    } catch (IOException e) {
      p.destroyForcibly();
      return p.waitFor();
    } finally {
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

}
