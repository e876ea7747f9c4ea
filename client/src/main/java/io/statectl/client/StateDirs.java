package io.statectl.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds the state directory a command line is about, exactly as the engine does: the
 * {@code --state-dir} option, else {@code $STATECTL_STATE_DIR}, else
 * {@code $XDG_STATE_HOME/statectl}, else {@code ~/.local/state/statectl}. Relative paths are
 * resolved against {@code cwd}.
 */
final class StateDirs {
  private StateDirs() {}

  static Path resolve(List<String> argv, Map<String, String> env, Path cwd, Path home) {
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--state-dir") && i + 1 < argv.size()) {
        return cwd.resolve(argv.get(i + 1)).normalize();
      }
      if (a.startsWith("--state-dir=")) {
        return cwd.resolve(a.substring("--state-dir=".length())).normalize();
      }
    }
    String explicit = env.get("STATECTL_STATE_DIR");
    if (explicit != null && !explicit.isEmpty()) {
      return cwd.resolve(explicit).normalize();
    }
    String xdg = env.get("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? cwd.resolve(xdg) : home.resolve(".local").resolve("state");
    return base.resolve("statectl").normalize();
  }
}
