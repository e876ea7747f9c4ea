package io.statectl.shell.engine.apply;

import io.statectl.events.ActivationReason;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.profile.GenerationUnknownException;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code statectl rollback} and {@code statectl switch --generation N}: activation alone, of a
 * generation already in the store. Nothing is evaluated or built.
 */
public final class ActivateHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public ActivateHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int activate(Request.Activate r) {
    final String PROFILE = Profiles.checked(r.profile());
    if (!r.state().exists()) {
      throw new GenerationUnknownException(PROFILE, r.number().orElse(0), 0);
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "activating");
        StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      io.statectl.shell.engine.apply.InterruptedActivations.recover(session, out);
      ProjectionStore p = session.projections();
      List<GenerationRecord> all = p.generations(PROFILE);
      Optional<ActiveGeneration> active = p.active(PROFILE);
      int last = all.isEmpty() ? 0 : all.get(all.size() - 1).number();
      int current = active.map(ActiveGeneration::number).orElse(0);
      ActivationReason reason = r.number().isPresent() ? ActivationReason.SWITCH : ActivationReason.ROLLBACK;
      GenerationRecord target;
      if (r.number().isPresent()) {
        int wanted = r.number().get();
        if (p.generation(PROFILE, wanted).isEmpty() && p.deletedGeneration(PROFILE, wanted).isPresent()) {
          throw new io.statectl.kernel.profile.GenerationDeletedException(PROFILE, wanted);
        }
        target = p.generation(PROFILE, wanted)
            .orElseThrow(() -> new GenerationUnknownException(PROFILE, wanted, last));
      } else {
        target = all.stream().filter(g -> g.number() < current).reduce((a, b) -> b)
            .orElseThrow(() -> new UsageException("nothing to roll back to: generation " + current
                + " is the oldest of profile '" + PROFILE + "'", "`statectl generations --profile " + PROFILE + "` lists them"));
      }
      if (target.number() == current) {
        out.result("generation " + current + " is already active");
        return 0;
      }
      Path home = r.home().map(h -> h.toAbsolutePath().normalize())
          .or(() -> active.map(a -> Path.of(a.home())))
          .orElseThrow(() -> new UsageException("no home recorded for profile '" + PROFILE + "'", "pass --home"));
      Path root = r.root().map(x -> x.toAbsolutePath().normalize())
          .or(() -> active.flatMap(a -> Optional.ofNullable(a.root())).map(Path::of))
          .orElse(Targets.LIVE_ROOT);
      ActivationManifest manifest = Manifests.read(target.storePath()).orElseThrow(() -> new UsageException(
          "generation " + target.number() + " is no longer in the store (" + target.storePath() + ")",
          "apply its configuration again, or switch to another generation"));
      Optional<ActivationManifest> previous = active.flatMap(a -> p.generation(PROFILE, a.number()))
          .flatMap(g -> Manifests.read(g.storePath()));
      caller.cancellation().checkpoint("activate", out);
      ActivationPlan done = timer.time("activate", () -> new GenerationActivation(session, out).activate(PROFILE,
          target.number(), Path.of(target.storePath()), previous, manifest, Targets.of(home, root), r.backups(), reason,
          current));
      out.result((PROFILE.equals(Profiles.SYSTEM) ? "" : PROFILE + ": ")
          + (reason == ActivationReason.ROLLBACK ? "rolled back" : "switched") + " from generation " + current
          + " to " + target.number() + " (" + GenerationActivation.summary(done) + ")");
      return 0;
    }
  }
}
