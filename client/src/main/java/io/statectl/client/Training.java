package io.statectl.client;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The client's class-data-sharing training run ({@code Client --cds-training}, run once by the
 * launcher with {@code -XX:ArchiveClassesAtExit}): walks the code paths of a command — argument
 * and environment handling, the build id, the frame codec, a Unix-domain connection attempt, a
 * child process, the signal handler — so that the archive holds the classes a real run loads.
 * Touches nothing but a temporary directory.
 */
final class Training {
  private Training() {}

  static void run() {
    try {
      Path tmp = Files.createTempDirectory("statectl-cds");
      try {
        ServerFiles files = new ServerFiles(StateDirs.resolve(List.of("generations", "--state-dir", tmp.toString()),
            Map.of(), tmp, tmp));
        BuildId.of(tmp);
        RunRequest request = new RunRequest("training", List.of("generations"), tmp.toString(), tmp.toString(),
            Map.of("STATECTL_X", "1"), ProcessHandle.current().pid(), RunRequest.Terminal.NOT_INTERACTIVE,
            RunRequest.Streams.NEITHER, 0);
        Pipe pipe = Pipe.open();
        Frames.writeMagic(pipe.sink());
        Frames.write(pipe.sink(), new Frame(FrameType.RUN, request.encode()));
        Frames.write(pipe.sink(), Frame.exit(0));
        Frames.readMagic(pipe.source());
        RunRequest.decode(Frames.read(pipe.source()).orElseThrow().payload());
        Frames.read(pipe.source()).orElseThrow().exitCode();
        Files.writeString(files.socket().getParent().getParent().resolve("x"), "");
        ServerLauncher launcher = new ServerLauncher(files, Path.of("/bin/true"));
        launcher.connect();
        launcher.pid();
        Files.createDirectories(files.runtimeDir());
        Files.writeString(files.socket(), "");
        launcher.connect(); // a file that is no socket: the failure path
        new ProcessBuilder("/bin/true").start().waitFor();
        Signals.onInterrupt(() -> { });
        Signals.onInterrupt(null);
      } finally {
        try (var s = Files.walk(tmp)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // a training run that fails only makes a smaller archive
    }
  }
}
