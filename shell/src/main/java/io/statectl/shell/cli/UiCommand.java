package io.statectl.shell.cli;

import io.statectl.kernel.KernelException;
import io.statectl.shell.engine.ui.WebServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ui", mixinStandardHelpOptions = true,
    description = {"Serve a read-only web view of this state directory: the generations timeline (commits, messages), "
        + "a generation's contents and closure tree, diffs of any two generations, builds with their logs, the event log "
        + "with filters, drift. Prints the URL to open (it carries a random token; requests without it are refused).",
        "Runs until Ctrl-C; pages reload when a new event lands, so an apply in another terminal shows up."})
final class UiCommand implements Callable<Integer> {
  @Mixin StateOptions state;

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default: 127.0.0.1:0, a free port on loopback).")
  String listen = "127.0.0.1:0";

  @Option(names = "--allow-remote", description = "Allow a non-loopback --listen address (others on that network still need the token).")
  boolean allowRemote;

  @Override
  public Integer call() throws Exception {
    Invocation inv = Invocation.current();
    int colon = listen.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      inv.err().println("error[" + io.statectl.kernel.ErrorCode.USAGE.id() + "]: --listen " + listen + " is not HOST:PORT"
          + "\n  hint: e.g. --listen 127.0.0.1:8080");
      return io.statectl.kernel.ErrorCode.USAGE.exitCode();
    }
    String host = colon <= 0 ? "127.0.0.1" : listen.substring(0, colon).replace("[", "").replace("]", "");
    try (WebServer server = WebServer.start(state.state(), Run.pluginDir(), host, port,
        allowRemote ? WebServer.Remote.ALLOWED : WebServer.Remote.LOOPBACK_ONLY)) {
      inv.out().println("statectl ui: " + server.url());
      inv.out().flush();
      server.join();
    } catch (KernelException e) {
      inv.err().println("error[" + e.code().id() + "]: " + e.getMessage());
      return e.code().exitCode();
    }
    return 0;
  }
}
