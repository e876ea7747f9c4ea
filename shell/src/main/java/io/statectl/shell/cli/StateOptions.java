package io.statectl.shell.cli;

import io.statectl.kernel.state.StateDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option every command shares. */
public final class StateOptions {
  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where statectl keeps its store, event log and profiles "
          + "(default: $STATECTL_STATE_DIR, else $XDG_STATE_HOME/statectl, else ~/.local/state/statectl).")
  Path stateDir;

  StateDirectory state() {
    if (stateDir != null) {
      return new StateDirectory(stateDir);
    }
    Invocation inv = Invocation.current();
    String explicit = inv.env().get("STATECTL_STATE_DIR");
    if (explicit != null && !explicit.isEmpty()) {
      return new StateDirectory(inv.resolve(explicit));
    }
    String xdg = inv.env().get("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? inv.resolve(xdg) : inv.home().resolve(".local").resolve("state");
    return new StateDirectory(base.resolve("statectl"));
  }
}
