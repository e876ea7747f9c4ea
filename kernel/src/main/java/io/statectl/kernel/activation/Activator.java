package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Carries out a conflict-free plan: backups and new links first (they point through the
 * profile link, so they are harmless until the switch), then the atomic switch, then removals.
 * A failure before the switch leaves the previous generation active.
 */
public final class Activator {

  public void execute(ActivationPlan plan, Path home, BackupSink backups) {
    execute(plan, ActivationTargets.homeOnly(home), backups);
  }

  public void execute(ActivationPlan plan, ActivationTargets targets, BackupSink backups) {
    if (!plan.executable()) {
      throw new ActivationConflictException(plan.conflicts());
    }
    for (PlanStep step : plan.steps()) {
      run(step, targets, backups);
    }
  }

  private static void run(PlanStep step, ActivationTargets targets, BackupSink backups) {
    Path at = null;
    try {
      if (step instanceof PlanStep.CreateLink s) {
        at = s.live();
        link(s.live(), s.linkTarget());
      } else if (step instanceof PlanStep.BackUpAndLink s) {
        at = s.live();
        backups.save(s.live());
        Files.delete(s.live());
        link(s.live(), s.linkTarget());
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
