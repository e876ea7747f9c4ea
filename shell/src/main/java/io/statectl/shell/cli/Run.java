package io.statectl.shell.cli;

import io.statectl.shell.engine.Engine;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.StreamOutput;
import io.statectl.shell.engine.session.WaitTimeout;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Hands a request to the engine, wired to the invocation's stdout and stderr. */
final class Run {
  private Run() {}

  static int request(Request request) {
    return request(request, WaitTimeout.FOREVER);
  }

  /** As {@link #request(Request)}, for a command that may wait for another statectl's writer lock. */
  static int request(Request request, WaitTimeout wait) {
    Invocation inv = Invocation.current();
    Output out = new StreamOutput(inv.out(), inv.err(), inv.terminal() == Invocation.Terminal.INTERACTIVE);
    return new Engine(pluginDir(), out, inv.timer(), inv.caller(), wait).handle(request);
  }

  /**
   * A store path as typed: one with a slash is a file the user names, relative to their working
   * directory (not the server's); a bare {@code <hash>-<name>} stays as it is.
   */
  static String typedPath(String typed) {
    return typed.contains("/") ? Invocation.current().resolve(typed).toString() : typed;
  }

  /** A plugin source as typed: URLs stay, a path is resolved against the user's working directory. */
  static String pluginSource(String typed) {
    return typed.startsWith("http://") || typed.startsWith("https://") ? typed
        : Invocation.current().resolve(typed).normalize().toString();
  }

  /** {@code -Dstatectl.plugins}, else the {@code plugins/} folder beside the assembly's {@code lib/}. */
  static Path pluginDir() {
    String configured = System.getProperty("statectl.plugins");
    if (configured != null) {
      return Path.of(configured);
    }
    try {
      Path jar = Path.of(Run.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path lib = jar.getParent();
      return lib.resolveSibling("plugins");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("plugins" + File.separator);
    }
  }
}
