package io.statectl.shell.engine.apply;

import io.statectl.events.ActivationFailed;
import io.statectl.events.ActivationReason;
import io.statectl.events.FileBackedUp;
import io.statectl.kernel.activation.ActivationInterruptedException;
import io.statectl.kernel.activation.ActivationJournal;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.ActivationPlanner;
import io.statectl.kernel.activation.ActivationRevert;
import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.activation.SavedBackup;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.profile.ActivateGeneration;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.session.StateSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts right an activation that did not end: one whose journal ({@code <state>/journal/<profile>})
 * a crash left behind, found by the next command that changes the state before it does anything
 * else ({@link #recover}), and one a step failed in this process ({@link #failed}). The rule is the
 * plan's: until the profile link is switched every change points through it (still at the
 * previous generation), so the activation is rolled back ({@link ActivationRevert}: links removed,
 * backed-up files put back); once it is switched the new generation is live, so a crashed one is
 * rolled forward (its plan is made again against the live home and run) and a failed one is left
 * active. Either way an {@link ActivationFailed} records what happened, and the journal goes only
 * after that is recorded, so a crash while recovering is recovered again.
 */
public final class InterruptedActivations {
  private final StateSession session;
  private final Output out;

  InterruptedActivations(StateSession session, Output out) {
    this.session = session;
    this.out = out;
  }

  /**
   * Rolls back or forward every activation a crash interrupted, saying so in one line each. Every
   * command that changes the state calls this first, under the writer lock.
   *
   * @throws ActivationInterruptedException when one cannot be recovered (its journal is kept)
   */
  public static void recover(StateSession session, Output out) {
    Path dir = session.directory().activationJournal();
    if (!Files.isDirectory(dir)) {
      return;
    }
    InterruptedActivations recovery = new InterruptedActivations(session, out);
    for (ActivationJournal j : ActivationJournal.all(dir)) {
      recovery.recoverOne(j);
    }
  }

  private void recoverOne(ActivationJournal j) {
    int active = session.projections().active(j.profile()).map(ActiveGeneration::number).orElse(0);
    if (active == j.number() && j.number() != j.previous()) {
      // Killed after its GenerationActivated was recorded, before the journal was deleted: it ended.
      ActivationJournal.delete(session.directory().activationJournal(), j.profile());
      return;
    }
    if (j.number() == j.previous() && ActivationReason.REPAIR.name().equals(j.reason())) {
      finishRepair(j);
      return;
    }
    if (active != j.previous()) {
      throw new ActivationInterruptedException(j.profile(), j.number(), "generation " + active
          + " is active, not generation " + j.previous() + " that it started from");
    }
    ActivationManifest next = manifest(j, j.generation());
    Optional<ActivationManifest> previous = j.previousGeneration().isEmpty() ? Optional.empty()
        : Optional.of(manifest(j, j.previousGeneration()));
    Path profileLink = session.directory().profileLink(j.profile());
    String who = j.profile().equals(io.statectl.kernel.generation.ProfilePartition.SYSTEM) ? ""
        : " of profile " + j.profile();
    String last = j.done().isEmpty() ? "" : j.done().get(j.done().size() - 1);
    if (switched(profileLink, j.number())) {
      ActivationPlan plan = new ActivationPlanner().plan(j.targets(), profileLink, j.number(),
          Path.of(j.generation()), previous, next, j.policy());
      if (!plan.executable()) {
        throw new ActivationInterruptedException(j.profile(), j.number(), "finishing it finds files in the way: "
            + plan.conflicts().stream().map(c -> c.live().toString()).toList());
      }
      GenerationActivation g = new GenerationActivation(session, out);
      g.execute(j.profile(), plan, j.targets());
      boolean rootFiles = rootFiles(Path.of(j.generation()), next);
      CurrentSystemLink.point(j.profile(), j.targets(), Path.of(j.generation()), rootFiles);
      int changes = (int) plan.steps().stream().filter(s -> !(s instanceof io.statectl.kernel.activation.PlanStep.SwitchProfile)).count();
      session.commands().recordActivationFailure(new ActivationFailed(j.profile(), j.number(), List.of(), 0,
          ActivationFailed.INTERRUPTED, ActivationFailed.ROLLED_FORWARD, last, j.done().size(),
          "the process died after " + j.done().size() + " of " + j.steps() + " step(s)"),
          Optional.of(new ActivateGeneration(j.profile(), j.number(), j.previous(), ActivationReason.valueOf(j.reason()),
              j.targets().home().toString(), rootFiles ? j.targets().root().toString() : null)));
      out.message("statectl: an interrupted activation" + who + " was rolled forward: generation " + j.number()
          + " is active (" + changes + " step(s) run again; recorded as ActivationFailed)");
    } else {
      int changes = rollBack(j, previous, next, profileLink);
      session.commands().recordActivationFailure(new ActivationFailed(j.profile(), j.number(), List.of(), j.previous(),
          ActivationFailed.INTERRUPTED, ActivationFailed.ROLLED_BACK, last, j.done().size(),
          "the process died after " + j.done().size() + " of " + j.steps() + " step(s)"), Optional.empty());
      out.message("statectl: an interrupted activation" + who + " of generation " + j.number() + " was rolled back ("
          + changes + " change(s)); " + (j.previous() == 0 ? "no generation is active"
              : "generation " + j.previous() + " stays active") + " (recorded as ActivationFailed)");
    }
    ActivationJournal.delete(session.directory().activationJournal(), j.profile());
  }

  /**
   * A drift repair ({@code apply --repair}) a crash interrupted: it only puts the active
   * generation's links back, so it is finished (the drift is checked again and repaired), never
   * reverted; an {@link ActivationFailed} records the interruption.
   */
  private void finishRepair(ActivationJournal j) {
    ActivationManifest manifest = manifest(j, j.generation());
    Path profileLink = session.directory().profileLink(j.profile());
    Path home = j.targets().home();
    List<io.statectl.events.DriftItem> drift = new io.statectl.kernel.drift.DriftChecker().check(home, profileLink,
        Path.of(j.generation()), manifest);
    ActivationPlan plan = new io.statectl.kernel.drift.RepairPlanner().plan(drift, home, profileLink, j.number(),
        Path.of(j.generation()), manifest);
    new GenerationActivation(session, out).execute(j.profile(), plan, j.targets());
    String last = j.done().isEmpty() ? "" : j.done().get(j.done().size() - 1);
    session.commands().recordActivationFailure(new ActivationFailed(j.profile(), j.number(), List.of(), 0,
        ActivationFailed.INTERRUPTED, ActivationFailed.ROLLED_FORWARD, last, j.done().size(),
        "the repair died after " + j.done().size() + " of " + j.steps() + " step(s)"), Optional.empty());
    out.message("statectl: an interrupted repair of generation " + j.number() + " was rolled forward ("
        + plan.steps().size() + " step(s) run again; recorded as ActivationFailed)");
    ActivationJournal.delete(session.directory().activationJournal(), j.profile());
  }

  /**
   * A step of this process's activation failed: rolled back when the switch had not happened,
   * else the new generation is recorded as active with the failure; the journal then goes. The
   * caller rethrows {@code error}.
   */
  void failed(ActivationJournal j, int stepsDone, ActivationPlan plan, RuntimeException error) {
    try {
      Path profileLink = session.directory().profileLink(j.profile());
      String step = stepsDone < plan.steps().size()
          ? plan.steps().get(stepsDone).describe().lines().findFirst().orElse("") : "";
      String message = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
      ActivationManifest next = manifest(j, j.generation());
      if (!switched(profileLink, j.number())) {
        Optional<ActivationManifest> previous = j.previousGeneration().isEmpty() ? Optional.empty()
            : Optional.of(manifest(j, j.previousGeneration()));
        int changes = rollBack(j, previous, next, profileLink);
        session.commands().recordActivationFailure(new ActivationFailed(j.profile(), j.number(), List.of(),
            j.previous(), ActivationFailed.STEP, ActivationFailed.ROLLED_BACK, step, stepsDone, message),
            Optional.empty());
        out.message("rolled back the activation of generation " + j.number() + " (" + changes + " change(s))");
      } else {
        boolean rootFiles = rootFiles(Path.of(j.generation()), next);
        session.commands().recordActivationFailure(new ActivationFailed(j.profile(), j.number(), List.of(), 0,
            ActivationFailed.STEP, ActivationFailed.LEFT_ACTIVE, step, stepsDone, message),
            Optional.of(new ActivateGeneration(j.profile(), j.number(), j.previous(),
                ActivationReason.valueOf(j.reason()), j.targets().home().toString(),
                rootFiles ? j.targets().root().toString() : null)));
        out.message("generation " + j.number() + " is active, but " + (j.steps() - stepsDone)
            + " step(s) did not run; rerun to finish them");
      }
      ActivationJournal.delete(session.directory().activationJournal(), j.profile());
    } catch (RuntimeException e) {
      // The journal stays: the next command tries again.
      error.addSuppressed(e);
    }
  }

  private int rollBack(ActivationJournal j, Optional<ActivationManifest> previous, ActivationManifest next,
      Path profileLink) {
    int changes = ActivationRevert.revert(j.targets(), profileLink, previous, next, backups(j));
    if (!j.previousGeneration().isEmpty()) {
      Path back = Path.of(j.previousGeneration());
      // users and run/current-system as the previous generation has them (both were set before the switch)
      UsersStep.run(j.profile(), back, j.targets().root(), session.directory().root(), out);
      CurrentSystemLink.point(j.profile(), j.targets(), back, rootFiles(back, previous.orElseThrow()));
    }
    return changes;
  }

  /** The files backed up since the activation started (recorded before each was replaced). */
  private Map<Path, SavedBackup> backups(ActivationJournal j) {
    Map<Path, SavedBackup> backups = new HashMap<>();
    session.log().forEach(j.logSequence() + 1, Long.MAX_VALUE, r -> {
      if (r.type().equals("FileBackedUp") && j.profile().equals(r.aggregateId())
          && r.event() instanceof FileBackedUp b) {
        backups.put(Path.of(b.livePath()), new SavedBackup(Path.of(b.livePath()), Path.of(b.storePath()),
            b.permissions()));
      }
    });
    return backups;
  }

  private static boolean rootFiles(Path generation, ActivationManifest m) {
    return io.statectl.kernel.secrets.SecretsManifest.underRoot(generation)
        || m.entries().stream().anyMatch(e -> e.underRoot());
  }

  private static ActivationManifest manifest(ActivationJournal j, String storePath) {
    return Manifests.read(storePath).orElseThrow(() -> new ActivationInterruptedException(j.profile(), j.number(),
        "its generation " + storePath + " is no longer in the store"));
  }

  /** Whether the profile link already names generation {@code number}'s numbered link. */
  static boolean switched(Path profileLink, int number) {
    try {
      return Files.isSymbolicLink(profileLink) && Files.readSymbolicLink(profileLink).toString()
          .equals(profileLink.getFileName() + "-" + number + "-link");
    } catch (IOException e) {
      return false;
    }
  }
}
