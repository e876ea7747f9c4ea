package io.statectl.kernel.units;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the units of two generations (files directly in the system or user unit directory, and
 * the {@code <target>.wants/} links beside them) and decides the switch for each scope.
 */
public final class UnitPlanner {
  private static final Pattern UNIT = Pattern.compile("[^/]+\\.(service|timer|socket|path|target|mount|slice)");
  private static final Pattern WANTS = Pattern.compile("([^/]+)\\.(wants|requires)/([^/]+)");

  /**
   * Units of one scope in one generation, parsed, and which of them a target wants.
   *
   * @param texts each unit's file text as written, by name (for diffs)
   * @param wantedBy for each wanted unit, the targets (or units) whose {@code .wants/}/{@code .requires/} link it
   */
  public record Units(Map<String, ParsedUnit> byName, Set<String> wanted, Set<String> wantingTargets,
      Map<String, String> texts, Map<String, Set<String>> wantedBy) {}

  private UnitPlanner() {}

  public static Units units(UnitScope scope, List<ManifestEntry> entries, UnitTexts texts) {
    Map<String, ParsedUnit> byName = new LinkedHashMap<>();
    Set<String> wanted = new HashSet<>();
    Set<String> targets = new TreeSet<>();
    Map<String, String> textsByName = new LinkedHashMap<>();
    Map<String, Set<String>> wantedBy = new LinkedHashMap<>();
    for (ManifestEntry e : entries) {
      if (!e.isLink() || e.underRoot() != (scope == UnitScope.SYSTEM) || !e.target().startsWith(scope.directory)) {
        continue;
      }
      String rest = e.target().substring(scope.directory.length());
      Matcher w = WANTS.matcher(rest);
      if (w.matches()) {
        wanted.add(w.group(3));
        targets.add(w.group(1));
        wantedBy.computeIfAbsent(w.group(3), u -> new TreeSet<>()).add(w.group(1));
      } else if (UNIT.matcher(rest).matches()) {
        texts.text(e).ifPresent(t -> {
          byName.put(rest, ParsedUnit.parse(rest, t));
          textsByName.put(rest, t);
        });
      }
    }
    return new Units(byName, wanted, targets, textsByName, wantedBy);
  }

  /** Decides one scope's switch; {@code live} is asked only about the units involved. */
  public static UnitDecision decide(UnitScope scope, Optional<ActivationManifest> previous, UnitTexts previousTexts,
      ActivationManifest next, UnitTexts nextTexts, java.util.function.Function<Set<String>, UnitSwitch.LiveState> live) {
    Units before = units(scope, previous.map(ActivationManifest::entries).orElse(List.of()), previousTexts);
    Units after = units(scope, next.entries(), nextTexts);
    Set<String> involved = new TreeSet<>(before.byName().keySet());
    involved.addAll(after.byName().keySet());
    if (involved.isEmpty()) {
      return new UnitDecision(scope, false, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
    return UnitSwitch.decide(scope, before.byName(), after.byName(), after.wanted(), live.apply(involved));
  }
}
