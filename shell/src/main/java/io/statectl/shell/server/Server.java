package io.statectl.shell.server;

import io.statectl.client.BuildId;
import io.statectl.client.ServerFiles;
import io.statectl.events.log.LmdbBinding;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.cli.StatectlCommand;
import io.statectl.shell.engine.session.WarmCache;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import sun.misc.Signal;

/**
 * The resident server of one state directory: listens on {@code <state>/server/socket} (in a
 * directory only its owner may enter, the socket itself mode 0600), keeps plugins, LMDB and Axon
 * open ({@link WarmCache}) and runs clients' commands, concurrently — the writer lock serialises
 * those that change state. It holds {@code server/lock} for its lifetime, so it is the only
 * server of its directory, and exits when idle for the timeout, when asked to stop, or when its
 * socket disappears (the state directory was deleted). Its state is LMDB's and the store's, which
 * are crash-safe on their own: killing it loses nothing but the running command.
 */
public final class Server {
  private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
  private final StateDirectory state;
  private final ServerFiles files;
  private final Duration idleTimeout;
  private final Path app;
  private final PrintStream log;
  private final String buildId;
  private final Instant started = Instant.now();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private final IdleCompactor compactor = new IdleCompactor();
  private volatile String stopReason;
  private ServerSocketChannel listener;

  public Server(StateDirectory state, Duration idleTimeout, Path app, PrintStream log) {
    this.state = Objects.requireNonNull(state, "state");
    this.files = new ServerFiles(state.root());
    this.idleTimeout = idleTimeout;
    this.app = app;
    this.log = log;
    this.buildId = BuildId.of(app);
  }

  /** Serves until stopped; returns the process exit code. */
  public int run() {
    ignoreTerminalSignals();
    LmdbBinding.preloadInBackground();
    try {
      Files.createDirectories(state.root());
      Path dir = files.runtimeDir();
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      try (FileChannel lockChannel = FileChannel.open(files.lockFile(), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
          say("another statectl server already serves " + state.root() + "; this one exits");
          return 0;
        }
        return serve();
      }
    } catch (IOException e) {
      say("cannot start: " + e);
      return 75;
    }
  }

  private int serve() throws IOException {
    Files.deleteIfExists(files.socket());
    WarmCache warm = WarmCache.enable();
    StatectlCommand.keepModelReady();
    listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(files.socket()));
    Files.setPosixFilePermissions(files.socket(), PosixFilePermissions.fromString("rw-------"));
    Object socketKey = fileKey(files.socket());
    Files.writeString(files.pidFile(), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (stopReason == null) {
        stop("terminated by a signal");
      }
      awaitIdle(Duration.ofSeconds(10));
    }, "statectl-server-shutdown"));
    Thread watchdog = new Thread(() -> watch(socketKey), "statectl-server-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    say("serving " + state.root() + " (pid " + ProcessHandle.current().pid() + ", build " + buildId + ", idle timeout "
        + idleTimeout + ")");
    try {
      while (true) {
        SocketChannel ch = listener.accept();
        running.incrementAndGet();
        lastActivity.set(System.nanoTime());
        served.incrementAndGet();
        Thread t = new Thread(() -> {
          try {
            new ClientConnection(this, ch).run();
          } finally {
            lastActivity.set(System.nanoTime());
            running.decrementAndGet();
          }
        }, "statectl-client-" + served.get());
        t.start();
      }
    } catch (ClosedChannelException e) {
      // stop() closed the listener
    } finally {
      awaitIdle(Duration.ofMinutes(30));
      if (running.get() == 0) {
        warm.close();
      }
      if (Objects.equals(fileKey(files.socket()), socketKey)) {
        Files.deleteIfExists(files.socket());
        Files.deleteIfExists(files.pidFile());
      }
      say("stopped: " + stopReason);
    }
    return 0;
  }

  /** Stops accepting connections; running commands finish, then the server exits. */
  void stop(String reason) {
    synchronized (this) {
      if (stopReason != null) {
        return;
      }
      stopReason = reason;
    }
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      say("closing the socket failed: " + e);
    }
  }

  String buildId() {
    return buildId;
  }

  Path stateDir() {
    return state.root();
  }

  String status() {
    long idleSeconds = Duration.ofNanos(System.nanoTime() - lastActivity.get()).toSeconds();
    return "statectl server pid " + ProcessHandle.current().pid() + ", build " + buildId + "\n"
        + "  state dir     " + state.root() + "\n"
        + "  running since " + started + " (" + Duration.between(started, Instant.now()).toSeconds() + " s)\n"
        + "  commands      " + (served.get() - 1) + " served, " + (running.get() - 1) + " running besides this one\n"
        + "  idle timeout  " + idleTimeout + " (idle for " + idleSeconds + " s)\n"
        + "  log           " + files.log();
  }

  private void watch(Object socketKey) {
    while (stopReason == null) {
      try {
        Thread.sleep(WATCH_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      if (!Objects.equals(fileKey(files.socket()), socketKey)) {
        stop("its socket " + files.socket() + " was removed or replaced");
      } else if (running.get() == 0 && System.nanoTime() - lastActivity.get() > idleTimeout.toNanos()) {
        stop("idle for " + idleTimeout);
      } else {
        compactor.tick(running.get() > 0, lastActivity.get(), System.nanoTime());
      }
    }
  }

  private void awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** Ctrl-C and hang-up belong to the terminal the client was started from, not to the server. */
  private static void ignoreTerminalSignals() {
    for (String name : new String[] {"INT", "HUP"}) {
      try {
        Signal.handle(new Signal(name), sun.misc.SignalHandler.SIG_IGN);
      } catch (IllegalArgumentException e) {
        // already ignored
      }
    }
  }

  private void say(String line) {
    log.println(Instant.now() + " statectl server: " + line);
    log.flush();
  }
}
