package io.statectl.shell.engine.deploy;

import io.statectl.events.ActivationReason;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.gc.LeasedRoots;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.apply.GenerationActivation;
import io.statectl.shell.engine.apply.Manifests;
import io.statectl.shell.engine.apply.Targets;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's side of a deploy ({@code statectl deploy-node …}, run by the deployer over ssh):
 * receive a closure, record and activate its generations, and confirm or revert them. Lines the
 * deployer reads start with {@link #TAG}.
 */
public final class NodeHandler {
  static final String TAG = "statectl-deploy";
  /** How long an activation may take before the confirmation clock starts (the watcher's first deadline). */
  private static final Duration ACTIVATION_ALLOWANCE = Duration.ofMinutes(10);
  private static final long POLL_MILLIS = 100;

  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public NodeHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int handle(Request.DeployNode r) {
    if (r instanceof Request.NodeReceive x) {
      return receive(x);
    } else if (r instanceof Request.NodeActivate x) {
      return activate(x);
    } else if (r instanceof Request.NodeWatch x) {
      return watch(x);
    } else if (r instanceof Request.NodeConfirm x) {
      return confirm(x);
    }
    return status((Request.NodeStatus) r);
  }

  private int receive(Request.NodeReceive r) {
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "receiving a deploy");
        StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      ClosureStream.Copied c = ClosureStream.receive(session.store(), r.in(), r.out());
      // Still under the writer lock: a gc between this and the activation keeps the whole closure.
      r.token().ifPresent(t -> LeasedRoots.lease(r.state().leasedRoots(), lease(r.state().root(), t),
          java.time.Instant.now().plus(ACTIVATION_ALLOWANCE), c.offered()));
      out.message("received " + c.paths() + " path(s), " + c.bytes() + " bytes");
      return 0;
    } catch (IOException e) {
      throw DeployException.remote("", "receive the closure", e.getMessage());
    }
  }

  /** The lease on what {@code receive} got for {@code token}; {@code activate} ends it. */
  private static String lease(Path stateRoot, String token) {
    PendingActivation.of(stateRoot, token); // checks the token's form
    return "deploy-" + token;
  }

  private int activate(Request.NodeActivate r) {
    try {
      return activateLeased(r);
    } finally {
      // The generations are recorded (they are roots now) or the activation failed: either way the lease is done.
      LeasedRoots.release(r.state().leasedRoots(), lease(r.state().root(), r.token()));
    }
  }

  private int activateLeased(Request.NodeActivate r) {
    Path root = r.root().orElse(Targets.LIVE_ROOT);
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "activating a deploy");
        StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      ProjectionStore p = session.projections();
      Map<String, String> changed = new LinkedHashMap<>();
      Map<String, Integer> previous = new LinkedHashMap<>();
      for (var e : r.generations().entrySet()) {
        String profile = Profiles.checked(e.getKey());
        requireValid(session, e.getValue());
        Optional<ActiveGeneration> active = p.active(profile);
        Optional<GenerationRecord> record = active.flatMap(a -> p.generation(profile, a.number()));
        if (record.isPresent() && record.get().storePath().equals(e.getValue())
            && active.get().home().equals(r.home().toString())) {
          out.result(TAG + " unchanged " + profile + " " + active.get().number());
        } else {
          changed.put(profile, e.getValue());
          previous.put(profile, active.map(ActiveGeneration::number).orElse(0));
        }
      }
      if (changed.isEmpty()) {
        return 0;
      }
      requireValid(session, r.snapshot());
      PendingActivation pending = PendingActivation.of(r.state().root(), r.token());
      boolean watched = r.confirmTimeout().isPresent() && previous.values().stream().anyMatch(n -> n > 0);
      if (watched) {
        // Armed before anything changes: if this activation cuts the node off, the watcher still reverts it.
        pending.create(System.currentTimeMillis() + ACTIVATION_ALLOWANCE.toMillis(), text(r.confirmTimeout().get()),
            previous, r.home(), r.root());
        startWatcher(r, pending);
      }
      for (var e : changed.entrySet()) {
        String profile = e.getKey();
        ActivationManifest manifest = Manifests.read(e.getValue()).orElseThrow(() -> DeployException.remote("",
            "activate", e.getValue() + " is not a generation (it has no manifest)"));
        int before = previous.get(profile);
        Optional<ActivationManifest> old = before == 0 ? Optional.empty()
            : p.generation(profile, before).flatMap(g -> Manifests.read(g.storePath()));
        int number = timer.time("record", () -> {
          session.commands().submit(profile, r.host(), r.snapshot(), "deploy");
          session.commands().recordEvaluation(profile, r.host(), r.snapshot(), e.getValue(), manifest.entries().size(),
              List.of());
          return session.commands().createGeneration(profile, r.host(), e.getValue(), r.snapshot());
        });
        ActivationPlan done = timer.time("activate", () -> new GenerationActivation(session, out).activate(profile,
            number, Path.of(e.getValue()), old, manifest, targets(r.state(), profile, r.home(), root), r.backups(),
            ActivationReason.APPLY, before));
        out.message((profile.equals(Profiles.SYSTEM) ? "" : profile + ": ") + "generation " + number + " is active ("
            + GenerationActivation.summary(done) + ")");
        out.result(TAG + " activated " + profile + " " + number + " " + before);
      }
      if (watched) {
        long deadline = System.currentTimeMillis() + r.confirmTimeout().get().toMillis();
        pending.create(deadline, text(r.confirmTimeout().get()), previous, r.home(), r.root());
        out.result(TAG + " confirm " + r.token() + " " + deadline);
      }
      return 0;
    }
  }

  private static ActivationTargets targets(io.statectl.kernel.state.StateDirectory state, String profile, Path home,
      Path root) {
    List<Path> others = new ArrayList<>();
    if (!profile.equals(Profiles.SYSTEM)) {
      others.add(state.profileLink(Profiles.SYSTEM));
    }
    return Targets.of(home, root).releasing(others);
  }

  private static void requireValid(StateSession session, String path) {
    Optional<StorePath> p = session.store().parseStoreFile(Path.of(path));
    if (p.isEmpty() || !session.store().isValid(p.get())) {
      throw DeployException.remote("", "activate", path + " is not a valid path of this node's store (was the closure "
          + "copied?)");
    }
  }

  /** {@code setsid -f}: the watcher leaves the ssh session, so a dropped connection or a killed sshd does not take it along. */
  private static void startWatcher(Request.NodeActivate r, PendingActivation pending) {
    ProcessBuilder pb = new ProcessBuilder("setsid", "-f", r.launcher().toString(), "deploy-node", "watch",
        "--token", r.token(), "--state-dir", r.state().root().toString());
    pb.environment().put("STATECTL_NO_SERVER", "1");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    File log = pending.dir().resolve("watch.log").toFile();
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log));
    try {
      Process p = pb.start();
      if (p.waitFor() != 0) {
        throw new IOException("setsid exited " + p.exitValue() + " (see " + log + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the confirmation watcher", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the confirmation watcher", e);
    }
  }

  private int watch(Request.NodeWatch r) {
    PendingActivation pending = PendingActivation.of(r.state().root(), r.token());
    while (pending.decision().isEmpty() && System.currentTimeMillis() < pending.deadline()) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    if (pending.decide(PendingActivation.Decision.REVERTED).isEmpty()) {
      out.message("confirmed in time: nothing to revert");
      return 0;
    }
    String why = "no confirmation within " + pending.pending().getProperty("timeout");
    Path home = Path.of(pending.pending().getProperty("home"));
    Path root = Optional.ofNullable(pending.pending().getProperty("root")).map(Path::of).orElse(Targets.LIVE_ROOT);
    Map<String, int[]> done = new LinkedHashMap<>();
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, WaitTimeout.FOREVER, "reverting");
        StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      ProjectionStore p = session.projections();
      for (var e : pending.previous().entrySet()) {
        String profile = e.getKey();
        int back = e.getValue();
        Optional<ActiveGeneration> active = p.active(profile);
        if (back == 0 || active.isEmpty() || active.get().number() == back) {
          continue;
        }
        int from = active.get().number();
        GenerationRecord target = p.generation(profile, back).orElseThrow();
        ActivationManifest manifest = Manifests.read(target.storePath()).orElseThrow();
        Optional<ActivationManifest> current = p.generation(profile, from).flatMap(g -> Manifests.read(g.storePath()));
        new GenerationActivation(session, out).activate(profile, back, Path.of(target.storePath()), current, manifest,
            targets(r.state(), profile, home, root), BackupPolicy.BACK_UP, ActivationReason.ROLLBACK, from);
        session.commands().recordRevert(profile, from, back, why);
        out.message(profile + ": reverted generation " + from + " to " + back + ": " + why);
        done.put(profile, new int[] {from, back});
      }
    }
    pending.reverted(done);
    return 0;
  }

  private int confirm(Request.NodeConfirm r) {
    PendingActivation pending = PendingActivation.of(r.state().root(), r.token());
    pending.pending();
    if (pending.decide(PendingActivation.Decision.CONFIRMED).isPresent()
        || pending.decision().orElseThrow() == PendingActivation.Decision.CONFIRMED) {
      out.result(TAG + " confirmed " + r.token());
      return 0;
    }
    throw DeployException.tokenUnknown(r.token(), "the confirmation came too late: the node reverted already");
  }

  private int status(Request.NodeStatus r) {
    PendingActivation pending = PendingActivation.of(r.state().root(), r.token());
    pending.pending();
    Optional<PendingActivation.Decision> d = pending.decision();
    Optional<java.util.Properties> reverted = pending.revertedDone();
    String state = d.isEmpty() ? "pending" : d.get() == PendingActivation.Decision.CONFIRMED ? "confirmed"
        : reverted.isPresent() ? "reverted" : "reverting";
    out.result(TAG + " status " + state);
    reverted.ifPresent(p -> p.stringPropertyNames().forEach(k -> out.result(TAG + " reverted " + k + " "
        + p.getProperty(k))));
    return 0;
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
