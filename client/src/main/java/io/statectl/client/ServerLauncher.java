package io.statectl.client;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Connects to the server of a state directory, starting it (detached, logging to
 * {@code <state>/server.log}) when none answers; and stops one. Starting is race-free: a server
 * holds {@code server/lock} for its lifetime, so of two started at once one serves and the other
 * exits, and both clients connect to the winner.
 */
final class ServerLauncher {
  /** How long a cold server may take to answer (seconds of class loading on a loaded machine). */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private final ServerFiles files;
  private final Path launcher;

  ServerLauncher(ServerFiles files, Path launcher) {
    this.files = files;
    this.launcher = launcher;
  }

  /** A connection to a live server, if one answers now; never starts one. */
  Optional<SocketChannel> connect() {
    if (!Files.exists(files.socket())) {
      return Optional.empty();
    }
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(files.socket()));
      return Optional.of(ch);
    } catch (IOException e) {
      closeQuietly(ch);
      return Optional.empty();
    }
  }

  /** A connection to the server, started first if none answers. */
  SocketChannel connectOrStart() throws ServerUnavailableException {
    Optional<SocketChannel> live = connect();
    if (live.isPresent()) {
      return live.get();
    }
    Process server = start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      live = connect();
      if (live.isPresent()) {
        return live.get();
      }
      if (!server.isAlive()) {
        if (server.exitValue() != 0) {
          throw new ServerUnavailableException("the statectl server for " + files.stateDir() + " did not start (exit "
              + server.exitValue() + "); its log is " + files.log());
        }
        // It found another server holding the lock: one starting (it will answer soon) or one
        // shutting down (it will not). Give it a moment, then start ours again.
        pause(200);
        live = connect();
        if (live.isPresent()) {
          return live.get();
        }
        server = start();
      }
      pause(20);
    }
    throw new ServerUnavailableException("the statectl server for " + files.stateDir() + " did not answer within "
        + START_TIMEOUT.toSeconds() + " s; its log is " + files.log());
  }

  private Process start() throws ServerUnavailableException {
    try {
      java.util.List<String> command = new java.util.ArrayList<>();
      if (Files.isExecutable(SETSID)) {
        command.add(SETSID.toString()); // its own session: no Ctrl-C or hang-up from the client's terminal
      }
      command.addAll(java.util.List.of(launcher.toString(), "server", "--state-dir", files.stateDir().toString()));
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
          .redirectErrorStream(true);
      pb.environment().remove("STATECTL_NO_SERVER");
      pb.environment().remove("STATECTL_TIMINGS");
      return pb.start();
    } catch (IOException e) {
      throw new ServerUnavailableException("cannot start the statectl server (" + launcher + "): " + e.getMessage());
    }
  }

  /**
   * Stops the server, if one runs: asks it (it finishes running commands first), and if it does
   * not go within the timeout, or speaks another protocol, terminates its process. Returns what
   * happened, for {@code statectl server stop}.
   */
  String stop() {
    Optional<Long> pid = pid();
    Optional<SocketChannel> live = connect();
    String said = null;
    if (live.isPresent()) {
      try (SocketChannel ch = live.get()) {
        Frames.writeMagic(ch);
        Frames.write(ch, Frame.empty(FrameType.STOP));
        said = Frames.read(ch).map(Frame::text).orElse(null);
      } catch (IOException e) {
        said = null;
      }
    }
    if (pid.isEmpty() && live.isEmpty()) {
      return "no statectl server is running for " + files.stateDir();
    }
    Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ServerLauncher::isServer);
    if (process.isPresent() && !awaitExit(process.get(), STOP_TIMEOUT)) {
      process.get().destroy();
      if (!awaitExit(process.get(), Duration.ofSeconds(5))) {
        process.get().destroyForcibly();
        awaitExit(process.get(), Duration.ofSeconds(5));
      }
      return "stopped the statectl server (pid " + process.get().pid() + ") by signal: it did not stop when asked";
    }
    return said != null ? said : "stopped the statectl server for " + files.stateDir();
  }

  Optional<Long> pid() {
    try {
      return Optional.of(Long.parseLong(Files.readString(files.pidFile(), StandardCharsets.UTF_8).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isServer(ProcessHandle p) {
    return p.info().commandLine().map(c -> c.contains("io.statectl")).orElse(true);
  }

  private static boolean awaitExit(ProcessHandle p, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (p.isAlive() && System.nanoTime() < deadline) {
      pause(20);
    }
    return !p.isAlive();
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void closeQuietly(SocketChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  /** No server could be reached or started. */
  static final class ServerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    ServerUnavailableException(String message) {
      super(message);
    }
  }
}
