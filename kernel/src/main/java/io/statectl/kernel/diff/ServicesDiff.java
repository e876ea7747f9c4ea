package io.statectl.kernel.diff;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.units.ParsedUnit;
import io.statectl.kernel.units.UnitDecision;
import io.statectl.kernel.units.UnitPlanner;
import io.statectl.kernel.units.UnitScope;
import io.statectl.kernel.units.UnitSwitch;
import io.statectl.kernel.units.UnitTexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The units two generation trees declare, compared as the switch compares them: the decision is
 * {@link UnitSwitch#decide} itself (with the live state unknown, so every unit counts as running),
 * so {@code diff} says what {@code switch} would do, never a second opinion. Launchd jobs (macOS)
 * follow, decided by {@link LaunchdDiff} as activation decides settings. Reads the two trees only.
 */
public final class ServicesDiff {
  private ServicesDiff() {}

  public static List<ServiceChange> between(Path genA, ActivationManifest a, Path genB, ActivationManifest b) {
    List<ServiceChange> out = new ArrayList<>();
    for (UnitScope scope : UnitScope.values()) {
      UnitPlanner.Units before = UnitPlanner.units(scope, a.entries(), UnitTexts.in(genA));
      UnitPlanner.Units after = UnitPlanner.units(scope, b.entries(), UnitTexts.in(genB));
      UnitDecision d = UnitSwitch.decide(scope, before.byName(), after.byName(), after.wanted(),
          UnitSwitch.LiveState.UNKNOWN);
      Set<String> names = new TreeSet<>(before.byName().keySet());
      names.addAll(after.byName().keySet());
      for (String name : names) {
        ParsedUnit old = before.byName().get(name);
        ParsedUnit now = after.byName().get(name);
        if (old != null && old.equals(now)) {
          continue;
        }
        String change = old == null ? "added" : now == null ? "removed" : "changed";
        String diff = change.equals("changed") ? UnifiedDiff.diff("a/" + name, before.texts().get(name),
            "b/" + name, after.texts().get(name)) : "";
        out.add(new ServiceChange(change, scope, name, action(d, name, change), diff));
      }
    }
    out.addAll(LaunchdDiff.between(genA, a, genB, b));
    return List.copyOf(out);
  }

  private static ServiceChange.OnSwitch action(UnitDecision d, String name, String change) {
    if (d.stop().contains(name)) {
      return ServiceChange.OnSwitch.STOP;
    } else if (d.start().contains(name)) {
      return ServiceChange.OnSwitch.START;
    } else if (d.stopThenStart().contains(name) || d.restart().contains(name)) {
      return ServiceChange.OnSwitch.RESTART;
    } else if (d.reload().contains(name)) {
      return ServiceChange.OnSwitch.RELOAD;
    } else if (d.leftRunning().contains(name)) {
      return ServiceChange.OnSwitch.LEFT_RUNNING;
    }
    return change.equals("added") ? ServiceChange.OnSwitch.NOT_STARTED : ServiceChange.OnSwitch.DAEMON_RELOAD_ONLY;
  }
}
