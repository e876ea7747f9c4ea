package io.statectl.shell.server;

import io.statectl.client.Frame;
import io.statectl.client.FrameType;
import io.statectl.client.Frames;
import io.statectl.client.RunRequest;
import io.statectl.shell.cli.Invocation;
import io.statectl.shell.cli.StatectlCommand;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Cancellation;
import io.statectl.shell.engine.PhaseTimer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves one connection: a RUN (the command runs on this thread, its output streamed back as
 * frames, then its exit code), a STATUS or a STOP. While a command runs, a second thread reads
 * the connection: a CANCEL frame, or the client going away, cancels the command.
 */
final class ClientConnection implements Runnable {
  private final Server server;
  private final SocketChannel channel;

  ClientConnection(Server server, SocketChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  @Override
  public void run() {
    try (channel) {
      if (!Frames.readMagic(channel)) {
        return;
      }
      Optional<Frame> first = Frames.read(channel);
      if (first.isEmpty()) {
        return;
      }
      switch (first.get().type()) {
        case STATUS:
          Frames.write(channel, Frame.text(FrameType.TEXT, server.status()));
          break;
        case STOP:
          Frames.write(channel, Frame.text(FrameType.TEXT, "stopping the statectl server (pid "
              + ProcessHandle.current().pid() + ") for " + server.stateDir() + " once running commands finish"));
          server.stop("asked to stop by `statectl server stop` or a client of another build");
          break;
        case RUN:
          runCommand(RunRequest.decode(first.get().payload()));
          break;
        default:
          break;
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  private void runCommand(RunRequest request) throws IOException {
    if (!request.buildId().equals(server.buildId())) {
      Frames.write(channel, Frame.text(FrameType.WRONG_BUILD, server.buildId()));
      return;
    }
    long received = System.currentTimeMillis();
    Frames.write(channel, Frame.empty(FrameType.ACCEPTED));
    PrintStream out = new PrintStream(new FrameOutputStream(channel, FrameType.STDOUT), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FrameOutputStream(channel, FrameType.STDERR), true, StandardCharsets.UTF_8);
    Cancellation cancellation = Cancellation.forRequest(request.env());
    Thread watcher = new Thread(() -> watch(cancellation, err), "statectl-cancel-watch");
    watcher.setDaemon(true);
    watcher.start();
    String command = String.join(" ", request.argv());
    Invocation invocation = new Invocation(Path.of(request.cwd()), Path.of(request.home()), request.env(), out, err,
        request.terminal() == RunRequest.Terminal.INTERACTIVE ? Invocation.Terminal.INTERACTIVE
            : Invocation.Terminal.NOT_INTERACTIVE, request.width(),
        Caller.client(request.clientPid(), command, cancellation, request.env()),
        PhaseTimer.sinceRequest("1".equals(request.env().get("STATECTL_TIMINGS")), received));
    int exit;
    try {
      exit = StatectlCommand.run(request.argv().toArray(String[]::new), invocation);
    } catch (RuntimeException | Error e) {
      err.println("error[STC-E999]: the statectl server failed: " + e);
      exit = 70;
    }
    out.flush();
    err.flush();
    Frames.write(channel, Frame.exit(exit));
    StatectlCommand.refill();
  }

  /** Reads the rest of the connection: CANCEL, or its end, cancels the running command. */
  private void watch(Cancellation cancellation, PrintStream err) {
    try {
      while (true) {
        Optional<Frame> f = Frames.read(channel);
        if (f.isEmpty()) {
          break;
        }
        if (f.get().type() == FrameType.CANCEL && !cancellation.requested()) {
          cancellation.cancel();
          err.println("statectl: cancelling: stopping at the next safe point…");
        }
      }
    } catch (IOException e) {
      // closed: the command finished and answered, or the client is gone
    }
    cancellation.cancel();
  }
}
