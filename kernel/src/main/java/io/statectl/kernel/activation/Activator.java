package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import io.statectl.kernel.units.UnitReport;

/**
 * Carries out a conflict-free plan: backups and new links first (they point through the
 * profile link, so they are harmless until the switch), then the atomic switch, then removals.
 * A failure before the switch leaves the previous generation active.
 */
public final class Activator {

  public void execute(ActivationPlan plan, Path home, BackupSink backups) {
    execute(plan, ActivationTargets.homeOnly(home), backups);
  }

  /**
   * Returns what was done to units and which failed to come up: a failed unit does not stop the
   * activation (the files are switched, the rest of the units still started); the caller decides.
   */
  public UnitReport execute(ActivationPlan plan, ActivationTargets targets, BackupSink backups) {
    return execute(plan, targets, backups, step -> { });
  }

  /**
   * As above, telling {@code afterStep} of each step once it is carried out (the journal's line;
   * a step that throws is not told).
   */
  public UnitReport execute(ActivationPlan plan, ActivationTargets targets, BackupSink backups,
      java.util.function.Consumer<PlanStep> afterStep) {
    if (!plan.executable()) {
      throw new ActivationConflictException(plan.conflicts());
    }
    UnitReport report = UnitReport.NONE;
    for (PlanStep step : plan.steps()) {
      report = perform(step, targets, backups, report);
      afterStep.accept(step);
    }
    return report;
  }

  private static UnitReport perform(PlanStep step, ActivationTargets targets, BackupSink backups, UnitReport report) {
    if (step instanceof PlanStep.StopUnits s) {
      if (s.run()) {
        UnitRunner.stop(s);
      }
      return report;
    }
    if (step instanceof PlanStep.SwitchUnits s) {
      return s.run() ? report.plus(UnitRunner.switchUnits(s)) : report;
    }
    run(step, targets, backups);
    return report;
  }

  private static void run(PlanStep step, ActivationTargets targets, BackupSink backups) {
    Path at = null;
    try {
      if (step instanceof PlanStep.CreateLink s) {
        at = s.live();
        link(s.live(), s.linkTarget());
      } else if (step instanceof PlanStep.BackUpAndLink s) {
        at = s.live();
        // Sealed into the store and recorded first; then the link replaces the file in one
        // rename, so at every moment the path holds the old file or the new link, and a crash
        // at any point loses nothing.
        try {
          backups.save(s.live());
        } catch (IOException | RuntimeException e) {
          throw new BackupFailedException(s.live(), e);
        }
        AtomicSymlink.replace(s.live(), s.linkTarget());
      } else if (step instanceof PlanStep.SwitchProfile s) {
        at = s.profileLink();
        ProfileLinks.switchTo(s.profileLink(), s.number(), s.generation());
      } else if (step instanceof PlanStep.RemoveLink s) {
        at = s.live();
        Files.deleteIfExists(s.live());
        pruneEmptyParents(s.live().getParent(), s.live().startsWith(targets.home()) ? targets.home() : targets.root());
      } else if (step instanceof PlanStep.EnsureDirectory s) {
        at = s.directory();
        Files.createDirectories(s.directory());
        Files.setPosixFilePermissions(s.directory(), java.nio.file.attribute.PosixFilePermissions.fromString(s.permissions()));
      } else if (step instanceof PlanStep.RunCommands s) {
        at = targets.home();
        if (s.run()) {
          for (java.util.List<String> command : s.commands()) {
            Commands.run(command);
          }
        }
      } else {
        throw new IllegalStateException("unhandled plan step " + step);
      }
    } catch (IOException e) {
      throw new ActivationFailedException(at, step.describe(), e);
    }
  }

  private static void link(Path live, Path target) throws IOException {
    Files.createDirectories(live.getParent());
    if (Files.isSymbolicLink(live)) {
      AtomicSymlink.replace(live, target);
    } else {
      Files.createSymbolicLink(live, target);
    }
  }

  /** Removes directories left empty by a removal, up to (not including) the home. */
  private static void pruneEmptyParents(Path dir, Path home) throws IOException {
    Path d = dir;
    while (d != null && d.startsWith(home) && !d.equals(home) && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      d = d.getParent();
    }
  }
}
