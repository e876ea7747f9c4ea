package io.statectl.kernel.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What is legal but almost certainly a mistake in a generation's units, said as warnings (an
 * apply goes on): a {@code wantedBy} target the machine does not have, and a unit nothing enables,
 * which neither {@code apply} nor a boot will ever start.
 */
public final class UnitWarnings {
  /** Unit types that start their namesake ({@code tick.timer} starts {@code tick.service}) unless they say {@code Unit=}. */
  private static final Set<String> TRIGGERS = Set.of("timer", "socket", "path");

  private UnitWarnings() {}

  /**
   * @param targetExists whether the machine (or the generation) has a unit of this name; asked
   *     only about targets the generation does not declare itself
   */
  public static List<String> of(UnitScope scope, UnitPlanner.Units units, Predicate<String> targetExists) {
    List<String> out = new ArrayList<>();
    String suffix = scope == UnitScope.USER ? " (user)" : "";
    for (String target : units.wantingTargets()) {
      if (!units.byName().containsKey(target) && !targetExists.test(target)) {
        out.add("warning: wantedBy target " + target + suffix + " does not exist on this machine: "
            + String.join(", ", wantedBy(units, target)) + " will not start at boot (is the name right, e.g. "
            + (scope == UnitScope.USER ? "default.target" : "multi-user.target") + "?)");
      }
    }
    Set<String> enabled = enabled(units);
    for (String name : units.byName().keySet()) {
      if (!enabled.contains(name) && !name.endsWith(".target") && !name.contains("@")) {
        out.add("warning: " + name + suffix + " is not enabled by anything (no wantedBy, no timer, socket or path, "
            + "no unit wants it): neither apply nor a boot starts it; give it wantedBy = [\""
            + (scope == UnitScope.USER ? "default.target" : "multi-user.target") + "\"], or a timer");
      }
    }
    return out;
  }

  private static List<String> wantedBy(UnitPlanner.Units units, String target) {
    List<String> out = new ArrayList<>();
    units.wantedBy().forEach((unit, targets) -> {
      if (targets.contains(target)) {
        out.add(unit);
      }
    });
    return out;
  }

  /** Units a target wants, a trigger starts, or another unit names (Wants=, Requires=, OnFailure=, Unit=…). */
  private static Set<String> enabled(UnitPlanner.Units units) {
    Set<String> out = new TreeSet<>(units.wanted());
    for (ParsedUnit u : units.byName().values()) {
      String base = u.name().substring(0, u.name().lastIndexOf('.'));
      if (TRIGGERS.contains(u.type())) {
        String section = Character.toUpperCase(u.type().charAt(0)) + u.type().substring(1);
        out.add(u.value(section, "Unit").orElse(base + ".service"));
      }
      for (Map.Entry<String, Map<String, java.util.List<String>>> s : u.sections().entrySet()) {
        if (s.getKey().equals("Install")) {
          continue;
        }
        for (List<String> values : s.getValue().values()) {
          for (String v : values) {
            for (String word : v.split("\\s+")) {
              if (!word.equals(u.name()) && units.byName().containsKey(word)) {
                out.add(word);
              }
            }
          }
        }
      }
    }
    return out;
  }
}
