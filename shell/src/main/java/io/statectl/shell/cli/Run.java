package io.statectl.shell.cli;

import io.statectl.shell.engine.Engine;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.StreamOutput;
import io.statectl.shell.engine.WaitTimeout;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Hands a request to an in-process engine wired to this process's stdout and stderr. */
final class Run {
  private Run() {}

  static int request(Request request) {
    return request(request, WaitTimeout.FOREVER);
  }

  /** As {@link #request(Request)}, for a command that may wait for another statectl's writer lock. */
  static int request(Request request, WaitTimeout wait) {
    Output out = new StreamOutput(System.out, System.err, System.console() != null);
    PhaseTimer timer = new PhaseTimer("1".equals(System.getenv("STATECTL_TIMINGS")));
    return new Engine(pluginDir(), out, timer, wait).handle(request);
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
