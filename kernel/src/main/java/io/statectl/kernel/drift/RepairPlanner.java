package io.statectl.kernel.drift;

import io.statectl.events.DriftItem;
import io.statectl.events.DriftKind;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.PlanStep;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns drift into an activation plan that the ordinary {@code Activator} carries out: missing
 * and misdirected links are linked again, a file that replaced a managed link is saved into the
 * store (never lost) and linked again, a wrong profile link is switched back. Unmanaged files are
 * left alone (noted), as are copied files, which the activator cannot place yet.
 */
public final class RepairPlanner {

  /** The link a managed home file has: {@code <profile link>/home-files/<target>}. */
  public static Path linkTarget(Path profileLink, String target) {
    return profileLink.resolve(ActivationManifest.HOME_FILES).resolve(target);
  }

  public ActivationPlan plan(List<DriftItem> drift, Path home, Path profileLink, int number, Path generation,
      ActivationManifest manifest) {
    List<PlanStep> steps = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean switchProfile = false;
    for (DriftItem item : drift) {
      Path live = Path.of(item.path());
      if (item.kind() == DriftKind.PROFILE_LINK) {
        switchProfile = true;
        continue;
      }
      if (item.kind() == DriftKind.UNMANAGED) {
        notes.add("left alone: " + live + " " + item.detail());
        continue;
      }
      ManifestEntry entry = manifest.entries().stream()
          .filter(e -> home.resolve(e.target()).equals(live)).findFirst().orElse(null);
      if (entry == null || DriftChecker.HOME_FILE_COPY.equals(entry.kind())) {
        notes.add("not repaired: " + live + " (copied files are not placed by this statectl yet)");
        continue;
      }
      Path target = linkTarget(profileLink, entry.target());
      if (item.kind() == DriftKind.MODIFIED) {
        if (Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
          notes.add("not repaired: " + live + " is a directory; move it away and repair again");
        } else {
          steps.add(new PlanStep.BackUpAndLink(live, target));
        }
      } else {
        steps.add(new PlanStep.CreateLink(live, target));
      }
    }
    if (switchProfile) {
      steps.add(new PlanStep.SwitchProfile(profileLink, number, generation));
    }
    return new ActivationPlan(steps, List.of(), notes);
  }
}
