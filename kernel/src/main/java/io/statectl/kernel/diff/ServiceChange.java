package io.statectl.kernel.diff;

import io.statectl.kernel.units.UnitScope;
import java.util.Objects;

/**
 * How one unit differs between two generations, and what switching from the first to the second
 * would do to it (as {@code apply}/{@code switch} decide it, for a unit that is running).
 *
 * @param change {@code added}, {@code removed} or {@code changed}
 * @param unit the unit's name, e.g. {@code web.service}
 * @param onSwitch what the switch does to it
 * @param unifiedDiff the unit file's text diff for a changed unit, else empty text
 */
public record ServiceChange(String change, UnitScope scope, String unit, OnSwitch onSwitch, String unifiedDiff) {
  public ServiceChange {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(onSwitch, "onSwitch");
    Objects.requireNonNull(unifiedDiff, "unifiedDiff");
  }

  /** The unit as users see it: {@code web.service}, or {@code web.service (user)}. */
  public String label() {
    return unit + (scope == UnitScope.USER ? " (user)" : "");
  }

  /** What a switch does to one unit; {@link #label} is what {@code diff} prints. */
  public enum OnSwitch {
    START("start"),
    STOP("stop"),
    /** Stopped with the old definition before the files change, started after: how a changed service restarts. */
    RESTART("restart"),
    RELOAD("reload"),
    LEFT_RUNNING("left running: restartIfChanged = false"),
    NOT_STARTED("not started: no target wants it"),
    DAEMON_RELOAD_ONLY("daemon-reload only: nothing that affects the running unit changed");

    public final String label;

    OnSwitch(String label) {
      this.label = label;
    }
  }
}
