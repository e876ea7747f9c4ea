package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check this machine for what statectl needs: user namespaces and bubblewrap, the state directory's "
        + "permissions and free space, the server, a stale lock, git, the age CLI, systemd.",
        "Prints how to fix each problem; exits 1 (STC-E222) when something blocks statectl."})
final class DoctorCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Override
  public Integer call() {
    return Run.request(new Request.Doctor(state.state()));
  }
}
