package io.statectl.kernel.activation;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans managed settings by comparing generations: a new setting or a changed state runs its
 * {@code apply}; a setting the next generation drops runs the {@code revert} the previous one
 * recorded. Reverts come first, so a setting moving to a new id is undone before it is redone.
 */
final class SettingsPlanner {
  private SettingsPlanner() {}

  static List<PlanStep> plan(ActivationTargets targets, Optional<ActivationManifest> previous, ActivationManifest next) {
    Map<String, ManifestEntry> before = settings(previous.map(ActivationManifest::entries).orElse(List.of()));
    Map<String, ManifestEntry> after = settings(next.entries());
    List<PlanStep> reverts = new ArrayList<>();
    List<PlanStep> applies = new ArrayList<>();
    for (ManifestEntry old : before.values()) {
      if (!after.containsKey(old.target())) {
        reverts.add(step(targets, old, "revert", old.revert()));
      }
    }
    for (ManifestEntry now : after.values()) {
      ManifestEntry old = before.get(now.target());
      if (old == null || !old.state().equals(now.state()) || !old.apply().equals(now.apply())) {
        applies.add(step(targets, now, "apply", now.apply()));
      }
    }
    reverts.addAll(applies);
    return reverts;
  }

  private static PlanStep step(ActivationTargets targets, ManifestEntry e, String action, List<List<String>> commands) {
    List<List<String>> substituted = commands.stream()
        .map(c -> c.stream().map(targets::substitute).toList()).toList();
    boolean run = targets.runCommands() && Commands.familyOfThisMachine().equals(e.family());
    String why = run ? "" : targets.runCommands() ? "this machine is not " + e.family() : targets.notRunBecause();
    return new PlanStep.RunCommands(e.target(), action + (e.state().isEmpty() ? "" : " (" + shown(e.state()) + ")"), substituted,
        run, why);
  }

  /** A digest standing for a whole file is shortened the way git shortens commits. */
  private static String shown(String state) {
    return state.matches("[0-9a-f]{40,}") ? "content " + state.substring(0, 12) : state;
  }

  private static Map<String, ManifestEntry> settings(List<ManifestEntry> entries) {
    Map<String, ManifestEntry> m = new LinkedHashMap<>();
    for (ManifestEntry e : entries) {
      if (ManifestEntry.SETTING.equals(e.kind())) {
        m.put(e.target(), e);
      }
    }
    return m;
  }
}
