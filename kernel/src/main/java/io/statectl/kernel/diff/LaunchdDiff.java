package io.statectl.kernel.diff;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import io.statectl.kernel.units.UnitScope;
import io.statectl.kernel.units.UnitTexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The launchd jobs two generation trees declare (the darwin adapter's {@code launchd:agent:<label>}
 * and {@code launchd:daemon:<label>} settings with their plists), compared as activation compares
 * settings: a new job is bootstrapped ({@link ServiceChange.OnSwitch#START}), a dropped one booted
 * out ({@code STOP}), one whose state changed (its plist, or a restart trigger outside it) booted
 * out and in again ({@code RESTART}). Part of {@link ServicesDiff}; reads the two trees only.
 */
final class LaunchdDiff {
  private static final String PREFIX = "launchd:";

  private LaunchdDiff() {}

  static List<ServiceChange> between(Path genA, ActivationManifest a, Path genB, ActivationManifest b) {
    Map<String, ManifestEntry> before = jobs(a);
    Map<String, ManifestEntry> after = jobs(b);
    Set<String> ids = new TreeSet<>(before.keySet());
    ids.addAll(after.keySet());
    List<ServiceChange> out = new ArrayList<>();
    for (String id : ids) {
      ManifestEntry old = before.get(id);
      ManifestEntry now = after.get(id);
      if (old != null && now != null && old.state().equals(now.state()) && old.apply().equals(now.apply())) {
        continue;
      }
      String[] parts = id.split(":", 3);
      UnitScope scope = parts[1].equals("agent") ? UnitScope.USER : UnitScope.SYSTEM;
      String label = parts[2];
      if (old == null) {
        out.add(new ServiceChange("added", scope, label, ServiceChange.OnSwitch.START, ""));
      } else if (now == null) {
        out.add(new ServiceChange("removed", scope, label, ServiceChange.OnSwitch.STOP, ""));
      } else {
        String plist = (scope == UnitScope.USER ? "Library/LaunchAgents/" : "Library/LaunchDaemons/") + label + ".plist";
        String diff = UnifiedDiff.diff("a/" + plist, text(genA, a, plist, scope), "b/" + plist, text(genB, b, plist, scope));
        out.add(new ServiceChange("changed", scope, label, ServiceChange.OnSwitch.RESTART, diff));
      }
    }
    return out;
  }

  private static Map<String, ManifestEntry> jobs(ActivationManifest m) {
    Map<String, ManifestEntry> out = new TreeMap<>();
    for (ManifestEntry e : m.entries()) {
      if (ManifestEntry.SETTING.equals(e.kind()) && e.target().startsWith(PREFIX) && e.target().split(":", 3).length == 3) {
        out.put(e.target(), e);
      }
    }
    return out;
  }

  private static String text(Path gen, ActivationManifest m, String plist, UnitScope scope) {
    String kind = scope == UnitScope.USER ? ManifestEntry.HOME_FILE : ManifestEntry.ROOT_FILE;
    Optional<String> text = m.entries().stream().filter(e -> e.kind().equals(kind) && e.target().equals(plist)).findFirst()
        .flatMap(UnitTexts.in(gen)::text);
    return text.orElse("");
  }
}
