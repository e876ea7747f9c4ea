package io.statectl.kernel.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The switch decision on parsed units, as NixOS's switch-to-configuration makes it: a pure
 * function of the old and new units, which of the new ones a target wants, and the live state.
 *
 * <ul>
 *   <li>gone, and not inactive: stop;
 *   <li>new and wanted by a target: start;
 *   <li>changed, while active: reload when only {@code X-Reload-Triggers} (or {@code ExecReload})
 *       changed and the unit can reload, or when it says {@code X-ReloadIfChanged=true}; left
 *       running when it says {@code X-RestartIfChanged=false}; else a service is stopped before
 *       the switch and started after ({@code X-StopIfChanged}, the default) or restarted after it;
 *       other unit types are restarted.
 * </ul>
 *
 * <p>Changes of {@code [Install]} and of the {@code [Unit]} keys that do not affect running
 * processes (description, documentation, …) only need the daemon-reload.
 */
public final class UnitSwitch {
  /** [Unit] keys whose change leaves the running unit as it is (NixOS's list, plus the switch keys). */
  static final Set<String> HARMLESS_UNIT_KEYS = Set.of("Description", "Documentation", "OnFailure", "OnSuccess",
      "OnFailureJobMode", "IgnoreOnIsolate", "StopWhenUnneeded", "RefuseManualStart", "RefuseManualStop",
      "AllowIsolate", "CollectMode", "SourcePath", "X-RestartIfChanged", "X-ReloadIfChanged", "X-StopIfChanged");
  private static final Set<String> RELOAD_KEYS_UNIT = Set.of("X-Reload-Triggers");
  private static final Set<String> RELOAD_KEYS_SERVICE = Set.of("ExecReload");

  /** The live state of a unit as {@code systemctl show -p ActiveState} tells it. */
  public interface LiveState {
    /** {@code active}, {@code inactive}, {@code failed}, …; empty when not known (planning elsewhere). */
    Optional<String> activeState(String unit);

    LiveState UNKNOWN = unit -> Optional.empty();
  }

  private UnitSwitch() {}

  public static UnitDecision decide(UnitScope scope, Map<String, ParsedUnit> before, Map<String, ParsedUnit> after,
      Set<String> wanted, LiveState live) {
    List<String> stop = new ArrayList<>();
    List<String> stopThenStart = new ArrayList<>();
    List<String> reload = new ArrayList<>();
    List<String> restart = new ArrayList<>();
    List<String> start = new ArrayList<>();
    List<String> leftRunning = new ArrayList<>();
    boolean daemonReload = false;
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      ParsedUnit old = before.get(name);
      ParsedUnit now = after.get(name);
      if (now == null) {
        daemonReload = true;
        // unknown counts as running: a plan made elsewhere shows what a switch here would do
        if (!live.activeState(name).map("inactive"::equals).orElse(false)) {
          stop.add(name);
        }
        continue;
      }
      if (old == null) {
        daemonReload = true;
        if (wanted.contains(name)) {
          start.add(name);
        }
        continue;
      }
      if (old.equals(now)) {
        continue;
      }
      daemonReload = true;
      Change change = compare(old, now);
      boolean running = live.activeState(name).map(s -> s.equals("active") || s.equals("activating")
          || s.equals("reloading")).orElse(true);
      if (change == Change.NONE || !running) {
        continue;
      }
      boolean service = now.type().equals("service");
      boolean canReload = service && now.value("Service", "ExecReload").isPresent();
      if (canReload && (change == Change.RELOAD || now.value("Unit", "X-ReloadIfChanged").filter("true"::equals).isPresent())) {
        reload.add(name);
      } else if (now.value("Unit", "X-RestartIfChanged").filter("false"::equals).isPresent()) {
        leftRunning.add(name);
      } else if (service && !now.value("Unit", "X-StopIfChanged").filter("false"::equals).isPresent()) {
        stopThenStart.add(name);
      } else {
        restart.add(name);
      }
    }
    return new UnitDecision(scope, daemonReload, stop, stopThenStart, reload, restart, start, leftRunning);
  }

  enum Change {
    NONE,
    RELOAD,
    RESTART
  }

  static Change compare(ParsedUnit old, ParsedUnit now) {
    ParsedUnit a = relevant(old);
    ParsedUnit b = relevant(now);
    if (a.equals(b)) {
      return Change.NONE;
    }
    ParsedUnit aNoReload = a.without("Unit", RELOAD_KEYS_UNIT).without("Service", RELOAD_KEYS_SERVICE);
    ParsedUnit bNoReload = b.without("Unit", RELOAD_KEYS_UNIT).without("Service", RELOAD_KEYS_SERVICE);
    return aNoReload.equals(bNoReload) ? Change.RELOAD : Change.RESTART;
  }

  private static ParsedUnit relevant(ParsedUnit u) {
    return u.withoutSection("Install").without("Unit", HARMLESS_UNIT_KEYS);
  }
}
