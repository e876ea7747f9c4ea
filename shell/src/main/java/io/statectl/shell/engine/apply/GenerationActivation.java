package io.statectl.shell.engine.apply;

import io.statectl.events.ActivationReason;
import io.statectl.kernel.activation.ActivationConflictException;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.ActivationPlanner;
import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.activation.Activator;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.activation.PlanStep;
import io.statectl.kernel.activation.UnitFailurePolicy;
import io.statectl.kernel.units.UnitReport;
import io.statectl.kernel.units.UnitsFailedException;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.kernel.activation.ActivationJournal;
import io.statectl.kernel.activation.CrashPoints;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * Plan, then commit: computes the whole activation plan, refuses it with every conflict listed,
 * or executes it and records the backups and the activation as events.
 */
public final class GenerationActivation {
  private final StateSession session;
  private final Output out;

  public GenerationActivation(StateSession session, Output out) {
    this.session = session;
    this.out = out;
  }

  /** Computes the plan; no change anywhere. */
  static ActivationPlan plan(Path profileLink, int number, Path generation, Optional<ActivationManifest> previous,
      ActivationManifest next, Path home, BackupPolicy policy) {
    return plan(profileLink, number, generation, previous, next, ActivationTargets.homeOnly(home), policy);
  }

  static ActivationPlan plan(Path profileLink, int number, Path generation, Optional<ActivationManifest> previous,
      ActivationManifest next, ActivationTargets targets, BackupPolicy policy) {
    return new ActivationPlanner().plan(targets, profileLink, number, generation, previous, next, policy);
  }

  /** Executes a conflict-free plan and records it. Returns the number of steps carried out. */
  public ActivationPlan activate(String profile, int number, Path generation, Optional<ActivationManifest> previous,
      ActivationManifest next, Path home, BackupPolicy policy, ActivationReason reason, int expectedPrevious) {
    return activate(profile, number, generation, previous, next, ActivationTargets.homeOnly(home), policy, reason,
        expectedPrevious);
  }

  public ActivationPlan activate(String profile, int number, Path generation, Optional<ActivationManifest> previous,
      ActivationManifest next, ActivationTargets targets, BackupPolicy policy, ActivationReason reason,
      int expectedPrevious) {
    return activate(profile, number, generation, previous, next, targets, policy, reason, expectedPrevious,
        UnitFailurePolicy.STAY);
  }

  /**
   * As above; when units fail to come up the generation stays active (recorded, then {@link
   * UnitsFailedException}) or, with {@link UnitFailurePolicy#ROLL_BACK}, the previous generation is
   * activated again first.
   */
  ActivationPlan activate(String profile, int number, Path generation, Optional<ActivationManifest> previous,
      ActivationManifest next, ActivationTargets targets, BackupPolicy policy, ActivationReason reason,
      int expectedPrevious, UnitFailurePolicy onFailure) {
    Path link = session.directory().profileLink(profile);
    ActivationPlan plan = plan(link, number, generation, previous, next, targets, policy);
    if (!plan.executable()) {
      throw new ActivationConflictException(plan.conflicts());
    }
    // A declared kernel that is not in the root is refused before anything is written.
    io.statectl.shell.engine.boot.BootStep.check(profile, number, generation, next, targets.root());
    // The journal before any change: a crash from here on is rolled back or forward by the next
    // command (InterruptedActivations), a failure below before the switch is rolled back here.
    String previousPath = previous.isEmpty() || expectedPrevious == 0 ? ""
        : session.projections().generation(profile, expectedPrevious).map(g -> g.storePath()).orElse("");
    ActivationJournal journal = new ActivationJournal(profile, number, expectedPrevious, generation.toString(),
        previousPath, targets, policy, reason.name(), session.log().lastSequence(), plan.steps().size(),
        ActivationJournal.switchStep(plan), List.of());
    ActivationJournal.Open open = journal.write(session.directory().activationJournal());
    CrashPoints.reached("journal written");
    UnitReport units;
    boolean hasRootFiles;
    try {
      units = journaled(profile, generation, next, targets, plan, open);
      hasRootFiles = hasRootFiles(generation, next);
      CurrentSystemLink.point(profile, targets, generation, hasRootFiles);
      CrashPoints.reached("current-system pointed");
    } catch (RuntimeException e) {
      open.close();
      new InterruptedActivations(session, out).failed(journal, open.stepsDone(), plan, e);
      throw e;
    }
    session.commands().activate(profile, number, expectedPrevious, reason, targets.home().toString(),
        hasRootFiles ? targets.root().toString() : null);
    open.finish();
    if (hasRootFiles && profile.equals(io.statectl.kernel.generation.ProfilePartition.SYSTEM)) {
      io.statectl.shell.engine.boot.BootStep.write(session, targets.root(), out);
    }
    plan.notes().forEach(n -> out.message("note: " + n));
    units.summaryLines().forEach(out::message);
    if (!units.failed().isEmpty()) {
      failed(profile, number, next, targets, policy, expectedPrevious, onFailure, units);
    }
    return plan;
  }

  /** The activation's changes: secrets, users, then the plan's steps, each journaled once done. */
  private UnitReport journaled(String profile, Path generation, ActivationManifest next, ActivationTargets targets,
      ActivationPlan plan, ActivationJournal.Open open) {
    // Secrets first: every one is decrypted before anything is written, so a failure changes nothing.
    io.statectl.kernel.secrets.SecretsActivation secrets = new io.statectl.kernel.secrets.SecretsActivation(targets.root());
    boolean hasSecrets = io.statectl.kernel.secrets.SecretsManifest.of(generation).isPresent();
    if (profile.equals(io.statectl.kernel.generation.ProfilePartition.SYSTEM) && (hasSecrets || Files.isDirectory(secrets.underRoot(io.statectl.kernel.secrets.SecretDeclaration.RUNTIME_DIR)))) {
      int placed = secrets.install(generation);
      if (placed > 0) {
        out.message("secrets: " + placed + " placed under " + secrets.underRoot(
            io.statectl.kernel.secrets.SecretDeclaration.RUNTIME_DIR));
      }
    }
    if (profile.startsWith(io.statectl.api.activation.UserProfile.PROFILE_PREFIX)) {
      io.statectl.shell.engine.secrets.HomeSecretsStep.run(generation, targets.home(), System.getenv(), out);
    }
    UsersStep.run(profile, generation, targets.root(), session.directory().root(), out);
    return execute(profile, plan, targets, step -> {
      open.stepDone(step);
      CrashPoints.reached("step " + open.stepsDone() + " done");
    });
  }

  private void failed(String profile, int number, ActivationManifest next, ActivationTargets targets,
      BackupPolicy policy, int previousNumber, UnitFailurePolicy onFailure, UnitReport units) {
    List<String> names = UnitsFailedException.names(units.failed());
    Optional<io.statectl.projections.generations.GenerationRecord> back = previousNumber > 0
        && onFailure == UnitFailurePolicy.ROLL_BACK ? session.projections().generation(profile, previousNumber)
        : Optional.empty();
    Optional<ActivationManifest> backManifest = back.flatMap(g -> Manifests.read(g.storePath()));
    if (back.isEmpty() || backManifest.isEmpty()) {
      session.commands().recordActivationFailure(profile, number, names, 0);
      throw new UnitsFailedException(units.failed(), "generation " + number + " is active",
          onFailure == UnitFailurePolicy.ROLL_BACK
              ? "there is no previous generation to roll back to; fix the units and apply again"
              : "fix the units and apply again, or `statectl rollback`; `apply --rollback-on-failure` goes back by itself");
    }
    out.message("rolling back to generation " + previousNumber + " because " + String.join(", ", names) + " failed");
    Path link = session.directory().profileLink(profile);
    Path backPath = Path.of(back.get().storePath());
    ActivationPlan plan = plan(link, previousNumber, backPath, Optional.of(next), backManifest.get(), targets, policy);
    if (!plan.executable()) {
      throw new ActivationConflictException(plan.conflicts());
    }
    // Journaled like any activation (from `number` back to `previousNumber`): a crash during the
    // rollback is rolled back or forward by the next command, as a crash during the apply is.
    ActivationJournal journal = new ActivationJournal(profile, previousNumber, number, backPath.toString(),
        session.projections().generation(profile, number).map(g -> g.storePath()).orElseThrow(), targets, policy,
        ActivationReason.ROLLBACK.name(), session.log().lastSequence(), plan.steps().size(),
        ActivationJournal.switchStep(plan), List.of());
    ActivationJournal.Open open = journal.write(session.directory().activationJournal());
    CrashPoints.reached("rollback journal written");
    UnitReport again;
    boolean backRootFiles = hasRootFiles(backPath, backManifest.get());
    try {
      UsersStep.run(profile, backPath, targets.root(), session.directory().root(), out);
      again = execute(profile, plan, targets, step -> {
        open.stepDone(step);
        CrashPoints.reached("rollback step " + open.stepsDone() + " done");
      });
      CurrentSystemLink.point(profile, targets, backPath, backRootFiles);
      CrashPoints.reached("rollback current-system pointed");
    } catch (RuntimeException e) {
      open.close();
      new InterruptedActivations(session, out).failed(journal, open.stepsDone(), plan, e);
      throw e;
    }
    session.commands().activate(profile, previousNumber, number, ActivationReason.ROLLBACK, targets.home().toString(),
        backRootFiles ? targets.root().toString() : null);
    open.finish();
    again.summaryLines().forEach(l -> out.message("rollback: " + l));
    session.commands().recordActivationFailure(profile, number, names, previousNumber);
    String still = again.failed().isEmpty() ? ""
        : "; after the rollback these failed too: " + String.join(", ", UnitsFailedException.names(again.failed()));
    throw new UnitsFailedException(units.failed(), "rolled back to generation " + previousNumber + still,
        "fix the units and apply again");
  }

  /** Whether a generation places anything under the root: files, or secrets under its runtime directory. */
  static boolean hasRootFiles(Path generation, ActivationManifest manifest) {
    return io.statectl.kernel.secrets.SecretsManifest.underRoot(generation)
        || manifest.entries().stream().anyMatch(e -> e.underRoot());
  }

  /** The texts of the units an evaluation renders, for plans made before the generation is built. */
  static io.statectl.kernel.units.UnitTexts unitTexts(io.statectl.kernel.eval.Evaluation.Success success) {
    java.util.Map<String, String> texts = new java.util.HashMap<>();
    for (io.statectl.api.activation.ActivationEntry e : success.entries()) {
      if (e instanceof io.statectl.api.activation.RootFile f
          && f.content() instanceof io.statectl.api.activation.FileContent.Text t) {
        texts.put("/" + f.target(), t.text());
      } else if (e instanceof io.statectl.api.activation.HomeFile f
          && f.content() instanceof io.statectl.api.activation.FileContent.Text t) {
        texts.put("~/" + f.target(), t.text());
      }
    }
    return io.statectl.kernel.units.UnitTexts.of(texts);
  }

  /**
   * Carries out a conflict-free plan, saving whatever it replaces into the store and recording
   * each such backup; records nothing else.
   */
  public void execute(String profile, ActivationPlan plan, Path home) {
    execute(profile, plan, ActivationTargets.homeOnly(home));
  }

  public UnitReport execute(String profile, ActivationPlan plan, ActivationTargets targets) {
    return execute(profile, plan, targets, step -> { });
  }

  /** As above, calling {@code afterStep} after each step is carried out (to journal it). */
  public UnitReport execute(String profile, ActivationPlan plan, ActivationTargets targets,
      java.util.function.Consumer<PlanStep> afterStep) {
    return new Activator().execute(plan, targets, live -> backUp(profile, live), afterStep);
  }

  /**
   * Seals a file about to be replaced into the store (its content on disk), then records its
   * {@code FileBackedUp} (which roots it: gc keeps every recorded backup), both before the caller
   * replaces it: a crash at any point leaves the file in place or a recorded copy of it.
   */
  private void backUp(String profile, Path live) throws IOException {
    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(live, LinkOption.NOFOLLOW_LINKS));
    StorePath saved = Files.isSymbolicLink(live)
        ? session.store().addTree(live, backupName(live))
        : session.store().addBytes(backupName(live), Files.readAllBytes(live),
            Files.isExecutable(live) ? EntryMode.EXECUTABLE : EntryMode.REGULAR);
    Path file = session.store().toFile(saved);
    if (!Files.isSymbolicLink(file)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
    session.tempRoots().add(List.of(saved));
    CrashPoints.reached("backup of " + live + " sealed");
    session.commands().recordBackup(profile, live.toString(), file.toString(), mode);
    CrashPoints.reached("backup of " + live + " recorded");
    out.message("backed up " + live + " into " + file);
  }

  static String backupName(Path live) {
    return "backup-" + StorePath.safeNameChars(live.getFileName().toString());
  }

  public static String summary(ActivationPlan plan) {
    long links = plan.steps().stream().filter(s -> s instanceof PlanStep.CreateLink || s instanceof PlanStep.BackUpAndLink).count();
    long removed = plan.steps().stream().filter(s -> s instanceof PlanStep.RemoveLink).count();
    long ran = plan.steps().stream().filter(s -> s instanceof PlanStep.RunCommands c && c.run()).count();
    long planned = plan.steps().stream().filter(s -> s instanceof PlanStep.RunCommands c && !c.run()).count();
    long unitsPlanned = plan.steps().stream().filter(s -> s instanceof PlanStep.StopUnits u && !u.run()
        || s instanceof PlanStep.SwitchUnits w && !w.run()).count();
    return links + " link(s) made, " + removed + " removed" + (ran > 0 ? ", " + ran + " setting(s) applied" : "")
        + (planned > 0 ? ", " + planned + " setting step(s) planned but not run here" : "")
        + (unitsPlanned > 0 ? ", unit switch planned but not run here (--dry-run shows it)" : "");
  }
}
