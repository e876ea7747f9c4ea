package io.statectl.shell.engine.deploy;

import io.statectl.kernel.KernelException;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.apply.ApplyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One node's deploy over ssh, after its closure was built here: copy what the node lacks and
 * activate there (two sessions over one master connection, {@link SshMaster}), then confirm over a
 * new connection before the node's watcher reverts. Every failure becomes a {@link NodeResult}, never an exception.
 */
final class NodeDeploy {
  /** Between confirmation attempts while ssh does not get through. */
  private static final Duration RETRY = Duration.ofMillis(500);
  /** How long after the deadline the node may take to finish reverting before we stop asking. */
  private static final Duration REVERT_GRACE = Duration.ofSeconds(60);

  private final DeployNode node;
  private final Path stateDir;
  private final Ssh ssh;
  private final Output out;
  private final BackupPolicy backups;

  NodeDeploy(DeployNode node, Path stateDir, Ssh ssh, Output out, BackupPolicy backups) {
    this.node = node;
    this.stateDir = stateDir;
    this.ssh = ssh;
    this.out = out;
    this.backups = backups;
  }

  /** @param host the node's host evaluated here: its secrets are checked before anything is copied */
  NodeResult run(Store store, Collection<StorePath> closure, ApplyHandler.BuiltProfiles built,
      io.statectl.kernel.eval.Evaluation.Success host) {
    long start = System.nanoTime();
    String stage = "secrets";
    int paths = 0;
    long bytes = 0;
    try {
      io.statectl.kernel.secrets.NodeSecretsCheck.check(node.name(), node.host(), host);
      stage = "copy";
      String token = UUID.randomUUID().toString();
      Ssh.Outcome activated;
      // One login for the copy and the activation; the confirmation below needs a new one anyway.
      try (SshMaster master = SshMaster.open(node, ssh.env())) {
        Optional<Path> control = master.control();
        ClosureStream.Copied copied = copy(store, closure, token, control);
        paths = copied.paths();
        bytes = copied.bytes();
        out.message(node.name() + ": copied " + paths + " of " + closure.size() + " path(s), " + bytes + " bytes");
        stage = "activate";
        testHook();
        activated = ssh.run(node.ssh(remote(activateArgs(store, built, token)), DeployNode.Connection.ANY, control));
      }
      relay(activated.err());
      int previous = 0;
      int generation = 0;
      for (String l : activated.tagged("activated")) {
        String[] f = l.split(" ");
        generation = Math.max(generation, Integer.parseInt(f[1]));
        previous = Math.max(previous, Integer.parseInt(f[2]));
      }
      for (String l : activated.tagged("unchanged")) {
        generation = Math.max(generation, Integer.parseInt(l.split(" ")[1]));
      }
      boolean watched = !activated.tagged("confirm").isEmpty();
      boolean lost = activated.exit() == Ssh.SSH_FAILED && node.rollback() == DeployNode.Rollback.MAGIC;
      if (activated.exit() != 0 && !lost) {
        throw failure(activated, "activate");
      }
      if (!watched && !lost) {
        NodeResult.Outcome o = activated.tagged("activated").isEmpty() ? NodeResult.Outcome.UNCHANGED
            : NodeResult.Outcome.OK;
        return result(o, previous, generation, paths, bytes, start, Optional.empty());
      }
      stage = "confirm";
      return confirm(token, previous, generation, paths, bytes, start, lost ? activated.err() : "");
    } catch (KernelException e) {
      out.message("error[" + e.code().id() + "]: " + e.getMessage());
      return result(NodeResult.Outcome.FAILED, 0, 0, paths, bytes, start,
          Optional.of(new NodeResult.Error(e.code().id(), stage, e.getMessage())));
    } catch (RuntimeException | IOException e) {
      String message = node.name() + ": " + e.getMessage();
      out.message("error[" + io.statectl.kernel.ErrorCode.DEPLOY_REMOTE_FAILED.id() + "]: " + message);
      return result(NodeResult.Outcome.FAILED, 0, 0, paths, bytes, start, Optional.of(new NodeResult.Error(
          io.statectl.kernel.ErrorCode.DEPLOY_REMOTE_FAILED.id(), stage, message)));
    }
  }

  private ClosureStream.Copied copy(Store store, Collection<StorePath> closure, String token, Optional<Path> control)
      throws IOException {
    try (Ssh.Session s = ssh.start(node.ssh(remote(List.of("receive", "--token", token)), DeployNode.Connection.ANY,
        control))) {
      ClosureStream.Copied copied = null;
      IOException broken = null;
      try {
        copied = ClosureStream.send(store, closure, s.toRemote(), s.fromRemote());
      } catch (IOException | UncheckedIOException e) {
        broken = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
      }
      Ssh.Outcome o = s.finish();
      if (o.exit() != 0) {
        throw failure(o, "receive the closure");
      }
      if (broken != null) {
        throw broken;
      }
      return copied;
    }
  }

  /**
   * {@code STATECTL_TEST_DEPLOY_BETWEEN=PROGRAM}: runs {@code PROGRAM <node>} between the copy and
   * the activation and waits for it — a fault-injection point (as {@code STATECTL_PAUSE_BEFORE}) for
   * the test of a gc on the node racing a deploy.
   */
  private void testHook() {
    String program = ssh.env().get("STATECTL_TEST_DEPLOY_BETWEEN");
    if (program == null || program.isEmpty()) {
      return;
    }
    ProcessBuilder pb = new ProcessBuilder(program, node.name()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(ssh.env());
    try {
      Process p = pb.start();
      String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(program + " exited " + p.exitValue() + ": " + said.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Confirms over new connections until the confirmation window closes; then the node has reverted
   * by itself, which we ask it once ssh gets through again.
   */
  private NodeResult confirm(String token, int previous, int generation, int paths, long bytes, long start,
      String lostBecause) {
    long deadline = System.nanoTime() + node.confirmTimeout().toNanos();
    String lastError = lostBecause;
    while (System.nanoTime() < deadline) {
      Ssh.Outcome c = ssh.run(node.ssh(remote(List.of("confirm", "--token", token)), DeployNode.Connection.NEW));
      if (c.exit() == 0) {
        out.message(node.name() + ": generation " + generation + " confirmed");
        return result(NodeResult.Outcome.OK, previous, generation, paths, bytes, start, Optional.empty());
      }
      lastError = c.err().strip();
      if (c.exit() != Ssh.SSH_FAILED) {
        if (c.err().contains("too late")) {
          break;
        }
        throw failure(c, "activate");
      }
      pause(RETRY);
    }
    out.message(node.name() + ": no confirmation got through (" + firstLine(lastError) + "); waiting for the node "
        + "to revert");
    pause(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    long until = System.nanoTime() + REVERT_GRACE.toNanos();
    int back = previous;
    String how = "presumed: the node could not be asked after the deadline";
    while (System.nanoTime() < until) {
      Ssh.Outcome s = ssh.run(node.ssh(remote(List.of("status", "--token", token)), DeployNode.Connection.NEW));
      if (s.exit() == 0 && s.tagged("status").contains("reverted")) {
        for (String l : s.tagged("reverted")) {
          back = Integer.parseInt(l.split(" ")[2]);
        }
        how = "the node says so";
        break;
      }
      if (s.exit() == 0 && s.tagged("status").contains("confirmed")) {
        return result(NodeResult.Outcome.OK, previous, generation, paths, bytes, start, Optional.empty());
      }
      pause(RETRY);
    }
    DeployException e = DeployException.confirmTimeout(node.name(), generation, back, firstLine(lastError) + "; " + how);
    out.message("error[" + e.code().id() + "]: " + e.getMessage());
    return result(NodeResult.Outcome.REVERTED, previous, back, paths, bytes, start,
        Optional.of(new NodeResult.Error(e.code().id(), "confirm", e.getMessage())));
  }

  private KernelException failure(Ssh.Outcome o, String stage) {
    if (o.exit() == Ssh.SSH_FAILED) {
      return DeployException.unreachable(node.name(), node.destination(), o.err());
    }
    if (o.exit() == Ssh.COMMAND_NOT_FOUND) {
      return DeployException.remoteStatectlMissing(node.name(), node.statectl());
    }
    return DeployException.remote(node.name(), stage, o.err());
  }

  private List<String> activateArgs(Store store, ApplyHandler.BuiltProfiles built, String token) {
    List<String> a = new ArrayList<>(List.of("activate", "--host", node.host(), "--snapshot",
        store.toFile(built.snapshot()).toString(), "--token", token));
    built.generations().forEach((profile, path) -> a.addAll(List.of("--generation",
        profile + "=" + store.toFile(path))));
    node.home().ifPresent(h -> a.addAll(List.of("--home", h.toString())));
    node.root().ifPresent(r -> a.addAll(List.of("--root", r.toString())));
    if (backups == BackupPolicy.BACK_UP) {
      a.add("--backup");
    }
    if (node.rollback() == DeployNode.Rollback.MAGIC) {
      a.addAll(List.of("--confirm-timeout", node.confirmTimeout().toMillis() + "ms"));
    }
    return a;
  }

  /** The node's statectl with {@code args}, as one string for the remote shell. */
  private String remote(List<String> args) {
    List<String> words = new ArrayList<>(List.of(node.statectl(), "deploy-node"));
    words.addAll(args);
    words.addAll(List.of("--state-dir", stateDir.toString()));
    return Ssh.commandLine(words);
  }

  private void relay(String err) {
    for (String l : err.split("\n")) {
      if (!l.isBlank()) {
        out.message(node.name() + ": " + l);
      }
    }
  }

  private NodeResult result(NodeResult.Outcome o, int previous, int generation, int paths, long bytes, long start,
      Optional<NodeResult.Error> error) {
    return new NodeResult(node.name(), node.host(), o, previous, generation, paths, bytes,
        (System.nanoTime() - start) / 1_000_000, error);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
