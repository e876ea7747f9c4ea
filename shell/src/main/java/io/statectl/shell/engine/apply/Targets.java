package io.statectl.shell.engine.apply;

import io.statectl.kernel.activation.ActivationTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a command activates: the home, the root, and whether managed settings run here. */
public final class Targets {
  public static final Path LIVE_ROOT = Path.of("/");

  private Targets() {}

  public static ActivationTargets of(Path home, Path root) {
    boolean live = root.equals(LIVE_ROOT);
    return new ActivationTargets(home, root, live, live ? "" : "--root " + root + " is not this machine's root",
        uid(home), List.of());
  }

  /** The owner of the home (the user the settings are for), else the user running statectl. */
  private static String uid(Path home) {
    try {
      if (Files.exists(home)) {
        return String.valueOf(Files.getAttribute(home, "unix:uid"));
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // fall through: not a Unix file system
    }
    return String.valueOf(new com.sun.security.auth.module.UnixSystem().getUid());
  }
}
