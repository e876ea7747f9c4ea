package io.statectl.shell.engine.install;

import io.statectl.kernel.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs statectl in a private mount namespace where the root's state directory is bound at the path
 * the booted root will see it at ({@code /var/lib/statectl}). When the running system has no such
 * directory, a tmpfs over its parent provides the mount point there (only in the namespace), so
 * nothing is created on the real {@code /var/lib}. The bind is made first onto a scratch
 * directory and then moved, so a root that itself lies under {@code /var/lib} stays reachable.
 */
final class RootNamespace {
  private static final String SCRIPT = "set -e; src=$1; scratch=$2; at=$3; shift 3\n"
      + "mount --bind \"$src\" \"$scratch\"\n"
      + "if [ ! -d \"$at\" ]; then mount -t tmpfs -o mode=0755 statectl-install \"$(dirname \"$at\")\"; mkdir \"$at\"; fi\n"
      + "mount --move \"$scratch\" \"$at\"\n"
      + "exec \"$@\"\n";

  private final Path state;
  private final Path seenAt;

  /** A finished child. */
  record Ran(int exit, String out, String err) {}

  RootNamespace(Path state, Path seenAt) {
    this.state = state;
    this.seenAt = seenAt;
  }

  /** Fails with {@code STC-E250} when this process cannot make a mount namespace. */
  void probe() {
    Ran r = run(List.of("unshare", "--mount", "--propagation", "private", "true"));
    if (r.exit() != 0) {
      throw new InstallException(ErrorCode.INSTALL_NO_NAMESPACE, "install: `unshare --mount` failed (" + r.err().strip()
          + "): install needs root to bind " + state + " at " + seenAt + " while it activates; nothing was written");
    }
  }

  /** Runs {@code statectl ARGS} inside, the root's state directory bound at {@link #seenAt}. */
  Ran apply(List<String> args) {
    Path scratch;
    try {
      Files.createDirectories(state);
      scratch = Files.createTempDirectory("statectl-install-");
    } catch (IOException e) {
      throw new UncheckedIOException("install: cannot create " + state, e);
    }
    try {
      List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
          SCRIPT, "sh", state.toString(), scratch.toString(), seenAt.toString(), launcher()));
      argv.addAll(args);
      return run(argv);
    } finally {
      try {
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        // an empty directory in the temp dir
      }
    }
  }

  /** The statectl launcher of this installation (the engine knows its plugins dir, beside bin/), else PATH's. */
  private static String launcher() {
    String plugins = System.getProperty("statectl.plugins");
    if (plugins != null) {
      Path bin = Path.of(plugins).toAbsolutePath().getParent().resolve("bin/statectl");
      if (Files.isExecutable(bin)) {
        return bin.toString();
      }
    }
    return "statectl";
  }

  private static Ran run(List<String> argv) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().put("STATECTL_NO_SERVER", "1"); // a server of the installer's state dir must not answer
    pb.environment().remove("STATECTL_STATE_DIR");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      String out = read(p.getInputStream());
      return new Ran(p.waitFor(), out, err.join());
    } catch (IOException e) {
      return new Ran(127, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing", e);
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
