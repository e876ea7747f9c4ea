package io.statectl.kernel.activation;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.units.Systemctl;
import io.statectl.kernel.units.UnitDecision;
import io.statectl.kernel.units.UnitPlanner;
import io.statectl.kernel.units.UnitScope;
import io.statectl.kernel.units.UnitSwitch;
import io.statectl.kernel.units.UnitTexts;
import io.statectl.kernel.units.UnitWarnings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Plans the unit part of an activation: for each scope, the stops before the files change and
 * the daemon-reload, reloads, restarts and starts after. The previous generation's units are
 * read through the profile link (still pointing at it while planning), the next one's from the
 * generation or from the evaluation.
 */
final class UnitSteps {
  private UnitSteps() {}

  static void plan(ActivationTargets targets, Path profileLink, Path generation, Optional<ActivationManifest> previous,
      ActivationManifest next, Optional<UnitTexts> evaluated, List<PlanStep> before, List<PlanStep> after,
      List<String> notes) {
    UnitTexts nextTexts = evaluated.map(t -> t.or(UnitTexts.in(generation))).orElse(UnitTexts.in(generation));
    boolean run = targets.runCommands() && Commands.familyOfThisMachine().equals("linux");
    String why = run ? "" : targets.runCommands() ? "this machine is not linux" : targets.notRunBecause();
    for (UnitScope scope : UnitScope.values()) {
      UnitDecision d = UnitPlanner.decide(scope, previous, UnitTexts.in(profileLink), next, nextTexts,
          names -> run ? new Systemctl().liveState(scope, names) : UnitSwitch.LiveState.UNKNOWN);
      if (d.stopsBeforeSwitch()) {
        before.add(new PlanStep.StopUnits(d, run, why));
      }
      if (!d.isEmpty()) {
        after.add(new PlanStep.SwitchUnits(d, run, why));
      }
      notes.addAll(UnitWarnings.of(scope, UnitPlanner.units(scope, next.entries(), nextTexts),
          target -> targetExists(scope, targets, target)));
    }
  }

  /**
   * Whether the machine has the unit {@code target}: in the system unit directories of the root,
   * or (user units) those and the home's. True when the root is not a systemd root at all (a
   * {@code --root} directory of files): there is nothing to check against.
   */
  private static boolean targetExists(UnitScope scope, ActivationTargets targets, String target) {
    Path root = targets.root();
    String kind = scope == UnitScope.USER ? "user" : "system";
    List<Path> dirs = new java.util.ArrayList<>(List.of(root.resolve("etc/systemd/" + kind),
        root.resolve("lib/systemd/" + kind), root.resolve("usr/lib/systemd/" + kind)));
    if (!Files.isDirectory(dirs.get(1)) && !Files.isDirectory(dirs.get(2))) {
      return true;
    }
    if (scope == UnitScope.USER) {
      dirs.add(targets.home().resolve(UnitScope.USER.directory));
    }
    return dirs.stream().anyMatch(d -> Files.exists(d.resolve(target)));
  }
}
