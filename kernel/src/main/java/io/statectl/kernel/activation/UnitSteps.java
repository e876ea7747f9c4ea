package io.statectl.kernel.activation;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.units.Systemctl;
import io.statectl.kernel.units.UnitDecision;
import io.statectl.kernel.units.UnitPlanner;
import io.statectl.kernel.units.UnitScope;
import io.statectl.kernel.units.UnitSwitch;
import io.statectl.kernel.units.UnitTexts;
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
      if (scope == UnitScope.SYSTEM) {
        missingTargets(targets.root(), UnitPlanner.units(scope, next.entries(), nextTexts), notes);
      }
    }
  }

  /** A unit wanted by a target the machine does not have would never start at boot: say so. */
  private static void missingTargets(Path root, UnitPlanner.Units units, List<String> notes) {
    List<Path> dirs = List.of(root.resolve("etc/systemd/system"), root.resolve("lib/systemd/system"),
        root.resolve("usr/lib/systemd/system"));
    if (!Files.isDirectory(dirs.get(1)) && !Files.isDirectory(dirs.get(2))) {
      return; // not a systemd root (a --root directory of files): nothing to check against
    }
    for (String target : units.wantingTargets()) {
      if (!units.byName().containsKey(target) && dirs.stream().noneMatch(d -> Files.exists(d.resolve(target)))) {
        notes.add("warning: wantedBy target " + target + " does not exist on this machine: units it wants will not "
            + "start at boot (is the name right, e.g. multi-user.target?)");
      }
    }
  }
}
