package io.statectl.shell.cli;

import io.statectl.shell.engine.Engine;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.StreamOutput;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Hands a request to the engine, wired to the invocation's stdout and stderr. */
final class Run {
  private Run() {}

  static int request(Request request) {
    Invocation inv = Invocation.current();
    Output out = new StreamOutput(inv.out(), inv.err(), inv.terminal() == Invocation.Terminal.INTERACTIVE);
    return new Engine(pluginDir(), out, inv.timer(), inv.caller()).handle(request);
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
