package io.statectl.kernel.units;

import java.util.ArrayList;
import java.util.List;

/** What an activation did to units: the decisions carried out, and the units that failed. */
public record UnitReport(List<UnitDecision> done, List<FailedUnit> failed) {
  public static final UnitReport NONE = new UnitReport(List.of(), List.of());

  public UnitReport {
    done = List.copyOf(done);
    failed = List.copyOf(failed);
  }

  public UnitReport plus(UnitReport other) {
    List<UnitDecision> d = new ArrayList<>(done);
    d.addAll(other.done);
    List<FailedUnit> f = new ArrayList<>(failed);
    f.addAll(other.failed);
    return new UnitReport(d, f);
  }

  /** Lines such as {@code stopped: old.service}, one per kind of action taken; none when nothing was done. */
  public List<String> summaryLines() {
    List<String> stopped = new ArrayList<>();
    List<String> started = new ArrayList<>();
    List<String> restarted = new ArrayList<>();
    List<String> reloaded = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (UnitDecision d : done) {
      String suffix = d.scope() == UnitScope.USER ? " (user)" : "";
      d.stop().forEach(u -> stopped.add(u + suffix));
      d.start().forEach(u -> started.add(u + suffix));
      d.stopThenStart().forEach(u -> restarted.add(u + suffix));
      d.restart().forEach(u -> restarted.add(u + suffix));
      d.reload().forEach(u -> reloaded.add(u + suffix));
      d.leftRunning().forEach(u -> left.add(u + suffix));
    }
    List<String> lines = new ArrayList<>();
    add(lines, "stopped", stopped);
    add(lines, "started", started);
    add(lines, "restarted", restarted);
    add(lines, "reloaded", reloaded);
    add(lines, "changed but left running (restartIfChanged = false)", left);
    return lines;
  }

  private static void add(List<String> lines, String what, List<String> units) {
    if (!units.isEmpty()) {
      lines.add(what + ": " + String.join(", ", units));
    }
  }
}
