package io.statectl.shell.engine.apply;

import io.statectl.events.ActivationReason;
import io.statectl.kernel.activation.ActivationConflictException;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.ActivationPlanner;
import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.activation.Activator;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.activation.PlanStep;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.session.StateSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
    Path link = session.directory().profileLink(profile);
    ActivationPlan plan = plan(link, number, generation, previous, next, targets, policy);
    if (!plan.executable()) {
      throw new ActivationConflictException(plan.conflicts());
    }
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
    execute(profile, plan, targets);
    boolean hasRootFiles = hasSecrets || next.entries().stream().anyMatch(e -> e.underRoot());
    session.commands().activate(profile, number, expectedPrevious, reason, targets.home().toString(),
        hasRootFiles ? targets.root().toString() : null);
    plan.notes().forEach(n -> out.message("note: " + n));
    return plan;
  }

  /**
   * Carries out a conflict-free plan, saving whatever it replaces into the store and recording
   * each such backup; records nothing else.
   */
  public void execute(String profile, ActivationPlan plan, Path home) {
    execute(profile, plan, ActivationTargets.homeOnly(home));
  }

  public void execute(String profile, ActivationPlan plan, ActivationTargets targets) {
    List<String[]> backups = new ArrayList<>();
    new Activator().execute(plan, targets, live -> {
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(live));
      StorePath saved = Files.isSymbolicLink(live)
          ? session.store().addTree(live, backupName(live))
          : session.store().addBytes(backupName(live), Files.readAllBytes(live),
              Files.isExecutable(live) ? EntryMode.EXECUTABLE : EntryMode.REGULAR);
      backups.add(new String[] {live.toString(), session.store().toFile(saved).toString(), mode});
      out.message("backed up " + live + " into " + session.store().toFile(saved));
    });
    for (String[] b : backups) {
      session.commands().recordBackup(profile, b[0], b[1], b[2]);
    }
  }

  static String backupName(Path live) {
    return "backup-" + StorePath.safeNameChars(live.getFileName().toString());
  }

  public static String summary(ActivationPlan plan) {
    long links = plan.steps().stream().filter(s -> s instanceof PlanStep.CreateLink || s instanceof PlanStep.BackUpAndLink).count();
    long removed = plan.steps().stream().filter(s -> s instanceof PlanStep.RemoveLink).count();
    long ran = plan.steps().stream().filter(s -> s instanceof PlanStep.RunCommands c && c.run()).count();
    long planned = plan.steps().stream().filter(s -> s instanceof PlanStep.RunCommands c && !c.run()).count();
    return links + " link(s) made, " + removed + " removed" + (ran > 0 ? ", " + ran + " setting(s) applied" : "")
        + (planned > 0 ? ", " + planned + " setting step(s) planned but not run here" : "");
  }
}
