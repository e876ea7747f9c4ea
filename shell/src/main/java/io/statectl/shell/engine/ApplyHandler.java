package io.statectl.shell.engine;

import io.statectl.events.ActivationReason;
import io.statectl.kernel.activation.ActivationConflictException;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.PlanStep;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.BuiltGeneration;
import io.statectl.kernel.generation.GenerationBuilder;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code statectl apply}: evaluate (touching nothing), plan against the live home (touching
 * nothing), then snapshot, build, record and activate under the writer lock.
 */
final class ApplyHandler {
  private static final String PROFILE = Profiles.SYSTEM;
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  ApplyHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  int apply(Request.Apply r, ModuleRegistry modules) {
    Path config = ConfigEvaluation.directory(r.config());
    Evaluation.Success success = ConfigEvaluation.success(
        ConfigEvaluation.evaluate(modules, config, r.host(), r.platform(), timer));
    caller.cancellation().check("planning");
    ActivationManifest next = GenerationBuilder.manifest(PROFILE, success);
    Path home = r.home().toAbsolutePath().normalize();
    Path link = r.state().profileLink(PROFILE);

    if (!r.state().exists()) {
      // Nothing recorded yet: plan without opening (and so creating) the state directory.
      ActivationPlan plan = GenerationActivation.plan(link, 1, Path.of("(to be built)"), Optional.empty(), next, home,
          r.backups());
      if (r.mode() == Request.Mode.DRY_RUN) {
        return printPlan(plan, 1);
      }
      if (!plan.executable()) {
        throw new ActivationConflictException(plan.conflicts());
      }
    }
    if (r.mode() == Request.Mode.DRY_RUN) {
      try (StateSession session = new StateSession(r.state(), timer)) {
        Current current = current(session);
        return printPlan(GenerationActivation.plan(link, current.nextNumber(), Path.of("(to be built)"),
            current.manifest(), next, home, r.backups()), current.nextNumber());
      }
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "applying");
        StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      Current current = current(session);
      ActivationPlan preflight = GenerationActivation.plan(link, current.nextNumber(), Path.of("(to be built)"),
          current.manifest(), next, home, r.backups());
      if (!preflight.executable()) {
        throw new ActivationConflictException(preflight.conflicts());
      }
      new PackageBuilds(session, out, timer).buildAll(success, config);
      GenerationBuilder builder = new GenerationBuilder(session.store(), session.buildMemo());
      caller.cancellation().checkpoint("snapshot", out);
      StorePath snapshot = timer.time("snapshot", () -> builder.snapshot(success));
      caller.cancellation().checkpoint("build", out);
      BuiltGeneration built = timer.time("build generation", () -> builder.build(PROFILE, success));
      String generationPath = session.store().toFile(built.path()).toString();
      String snapshotPath = session.store().toFile(snapshot).toString();
      if (current.record().isPresent() && current.record().get().storePath().equals(generationPath)
          && current.active().map(a -> a.home().equals(home.toString())).orElse(false)
          && preflight.steps().stream().allMatch(s -> s instanceof PlanStep.SwitchProfile)) {
        out.result("no changes: generation " + current.record().get().number() + " is already active ("
            + generationPath + ")");
        return 0;
      }
      caller.cancellation().checkpoint("record", out);
      int number = timer.time("record", () -> {
        session.commands().submit(PROFILE, success.host(), snapshotPath, config.toString());
        session.commands().recordEvaluation(PROFILE, success.host(), snapshotPath, generationPath,
            built.manifest().entries().size(), success.plugins());
        return session.commands().createGeneration(PROFILE, success.host(), generationPath, snapshotPath);
      });
      // The last point to stop: activation, once begun, runs to its end (see Cancellation).
      caller.cancellation().checkpoint("activate", out);
      int previous = current.active().map(ActiveGeneration::number).orElse(0);
      ActivationPlan done = timer.time("activate", () -> new GenerationActivation(session, out).activate(PROFILE,
          number, session.store().toFile(built.path()), current.manifest(), built.manifest(), home, r.backups(),
          ActivationReason.APPLY, previous));
      out.result("generation " + number + " is active (" + GenerationActivation.summary(done) + "): " + generationPath);
      return 0;
    }
  }

  private int printPlan(ActivationPlan plan, int number) {
    out.result("dry run: the plan for generation " + number + " (nothing is changed)");
    for (PlanStep s : plan.steps()) {
      out.result("  " + s.describe());
    }
    plan.notes().forEach(n -> out.result("  note: " + n));
    if (!plan.executable()) {
      ActivationConflictException e = new ActivationConflictException(plan.conflicts());
      out.message("error[" + e.code().id() + "]: " + e.getMessage());
      return e.code().exitCode();
    }
    return 0;
  }

  /** The profile's active generation, its record and manifest, and the next generation number. */
  private record Current(Optional<ActiveGeneration> active, Optional<GenerationRecord> record,
      Optional<ActivationManifest> manifest, int nextNumber) {}

  private static Current current(StateSession session) {
    ProjectionStore p = session.projections();
    Optional<ActiveGeneration> active = p.active(PROFILE);
    Optional<GenerationRecord> record = active.flatMap(a -> p.generation(PROFILE, a.number()));
    Optional<ActivationManifest> manifest = record.flatMap(g -> Manifests.read(g.storePath()));
    List<GenerationRecord> all = p.generations(PROFILE);
    int next = all.isEmpty() ? 1 : all.get(all.size() - 1).number() + 1;
    return new Current(active, record, manifest, next);
  }
}
