package io.statectl.kernel.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Starting a process with a given environment and waiting for it, its output copied to a log. */
final class Processes {
  private Processes() {}

  static int run(List<String> command, Map<String, String> env, java.nio.file.Path workDir, OutputStream log)
      throws InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new SandboxException(command.get(0), e.getMessage(), e);
    }
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
