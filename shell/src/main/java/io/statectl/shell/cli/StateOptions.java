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
    String explicit = System.getenv("STATECTL_STATE_DIR");
    if (explicit != null && !explicit.isEmpty()) {
      return new StateDirectory(Path.of(explicit));
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    return new StateDirectory(base.resolve("statectl"));
  }
}
