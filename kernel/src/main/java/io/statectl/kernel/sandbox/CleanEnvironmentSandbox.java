package io.statectl.kernel.sandbox;

import io.statectl.kernel.process.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs builders with a cleared environment only: they still see the host's files and network.
 * The fallback where bubblewrap is missing (macOS, minimal Linux); callers must say so loudly.
 */
public final class CleanEnvironmentSandbox implements Sandbox {

  @Override
  public Isolation isolation() {
    return Isolation.NONE;
  }

  @Override
  public String describe() {
    return "clean environment, no isolation";
  }

  @Override
  public Path hostLocation(Path output, Path scratch) {
    return output;
  }

  @Override
  public int run(SandboxJob job, OutputStream log) throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(job.builder());
    command.addAll(job.args());
    try {
      return Processes.run(command, FixedEnvironment.of(job, job.buildDir().toString()), job.buildDir(), log);
    } catch (IOException e) {
      throw new SandboxException(command.get(0), e.getMessage(), e);
    }
  }
}
