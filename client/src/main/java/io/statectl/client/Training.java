package io.statectl.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The client's class-data-sharing training run ({@code Client --cds-training}, run once by the
 * launcher with {@code -XX:ArchiveClassesAtExit}, or {@code -XX:AOTCacheOutput} on JDK 25+): runs
 * one real command — argument and environment handling, the build id, a Unix-domain connection,
 * the frame codec, the signal handler — against a stand-in server on a thread of its own, so that
 * the archive holds the classes a real run loads, and little else (an AOT cache loads all its
 * classes at start-up). Touches nothing but a temporary directory; prints what the stand-in
 * sends, which the launcher discards.
 */
final class Training {
  private Training() {}

  static void run() {
    try {
      Path tmp = Files.createTempDirectory("statectl-cds");
      try {
        train(tmp);
      } finally {
        try (var s = Files.walk(tmp)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // a training run that fails only makes a smaller archive
    }
  }

  private static void train(Path tmp) throws IOException, InterruptedException {
    Path state = tmp.resolve("state");
    ServerFiles files = new ServerFiles(state);
    Files.createDirectories(files.runtimeDir());
    Files.createDirectories(tmp.resolve("lib"));
    Files.writeString(tmp.resolve("lib/statectl-client.jar"), "");
    try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listener.bind(UnixDomainSocketAddress.of(files.socket()));
      Thread server = new Thread(new StandIn(listener), "statectl-cds-training-server");
      server.setDaemon(true);
      server.start();
      Client client = new Client(tmp, Path.of("/bin/true"), Map.of("STATECTL_STATE_DIR", state.toString(),
          "HOME", tmp.toString(), "LANG", "C.UTF-8"), tmp, tmp);
      client.run(List.of("generations", "--state-dir", state.toString()));
      server.join(5_000);
    }
  }

  /** Answers one RUN as a server does: accepted, a line of output, exit code 0. */
  private static final class StandIn implements Runnable {
    private final ServerSocketChannel listener;

    StandIn(ServerSocketChannel listener) {
      this.listener = listener;
    }

    @Override
    public void run() {
      try (SocketChannel ch = listener.accept()) {
        if (Frames.readMagic(ch)) {
          RunRequest.decode(Frames.read(ch).orElseThrow().payload());
          Frames.write(ch, Frame.empty(FrameType.ACCEPTED));
          Frames.write(ch, Frame.text(FrameType.STDOUT, "training\n"));
          Frames.write(ch, Frame.text(FrameType.STDERR, ""));
          Frames.write(ch, Frame.exit(0));
        }
      } catch (IOException | RuntimeException e) {
        // the client reports what it got
      }
    }
  }
}
