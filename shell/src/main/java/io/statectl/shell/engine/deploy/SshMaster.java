package io.statectl.shell.engine.deploy;

import io.statectl.kernel.store.FileTrees;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One node's OpenSSH master connection for one deploy, so that the copy and the activation share
 * one login instead of paying a handshake each. Its socket lives in a private temp directory
 * ({@code Files.createTempDirectory} makes it 0700); {@link #close} ends the master and removes the
 * directory, and {@code ControlPersist} ends it anyway should this process die. The confirmation
 * never uses it ({@link DeployNode.Connection#NEW}). When the user's sshOptions already say how to
 * multiplex, there is no master of ours: {@link #control} is empty and their options apply.
 */
final class SshMaster implements AutoCloseable {
  private static final long OPEN_TIMEOUT_SECONDS = 30;

  private final DeployNode node;
  private final Map<String, String> env;
  private final Optional<Path> dir;

  private SshMaster(DeployNode node, Map<String, String> env, Optional<Path> dir) {
    this.node = node;
    this.env = env;
    this.dir = dir;
  }

  /** No master: every ssh connects by itself (or as the user's options say). */
  static SshMaster none(DeployNode node) {
    return new SshMaster(node, Map.of(), Optional.empty());
  }

  /**
   * Logs in once and leaves the master in the background.
   *
   * @throws DeployException ({@code DEPLOY_UNREACHABLE}) with ssh's message when the login fails
   */
  static SshMaster open(DeployNode node, Map<String, String> env) {
    if (node.multiplexedByUser()) {
      return none(node);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("statectl-ssh-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private directory for the ssh master socket", e);
    }
    SshMaster m = new SshMaster(node, env, Optional.of(dir));
    try {
      // Files, not pipes: the backgrounded master keeps its descriptors, and a pipe would never end.
      int exit = m.runToFile(node.openMaster(m.socket()), dir.resolve("open.log"));
      if (exit != 0) {
        String said = read(dir.resolve("open.log"));
        throw exit == Ssh.SSH_FAILED ? DeployException.unreachable(node.name(), node.destination(), said)
            : DeployException.remote(node.name(), "log in", said);
      }
      return m;
    } catch (RuntimeException e) {
      FileTrees.deleteRecursively(dir);
      throw e;
    }
  }

  /** The socket to pass as ControlPath, when the master is ours. */
  Optional<Path> control() {
    return dir.map(d -> d.resolve("m"));
  }

  private Path socket() {
    return control().orElseThrow();
  }

  @Override
  public void close() {
    if (dir.isEmpty()) {
      return;
    }
    try {
      runToFile(node.closeMaster(socket()), dir.get().resolve("close.log"));
    } catch (RuntimeException e) {
      // ControlPersist ends the master by itself; the directory goes either way
    } finally {
      FileTrees.deleteRecursively(dir.get());
    }
  }

  private int runToFile(List<String> command, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process p = pb.start();
      if (!p.waitFor(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Ssh.SSH_FAILED;
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run ssh (is OpenSSH's client installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ssh", e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
