package io.statectl.kernel.units;

import java.util.List;
import java.util.Objects;

/**
 * What switching one scope's units does, in the order it happens: {@code stop} and the first half
 * of {@code stopThenStart} before the unit files change (so the old definition's stop commands
 * run), then one {@code daemon-reload}, then {@code reload}, {@code restart}, and {@code start}
 * with the second half of {@code stopThenStart}. {@code leftRunning} changed but asked not to be
 * restarted ({@code restartIfChanged = false}).
 */
public record UnitDecision(UnitScope scope, boolean daemonReload, List<String> stop, List<String> stopThenStart,
    List<String> reload, List<String> restart, List<String> start, List<String> leftRunning) {
  public UnitDecision {
    Objects.requireNonNull(scope, "scope");
    stop = List.copyOf(stop);
    stopThenStart = List.copyOf(stopThenStart);
    reload = List.copyOf(reload);
    restart = List.copyOf(restart);
    start = List.copyOf(start);
    leftRunning = List.copyOf(leftRunning);
  }

  /** Whether nothing is to be done, not even a daemon-reload. */
  public boolean isEmpty() {
    return !daemonReload && stop.isEmpty() && stopThenStart.isEmpty() && reload.isEmpty() && restart.isEmpty()
        && start.isEmpty() && leftRunning.isEmpty();
  }

  /** Whether anything is stopped before the unit files change. */
  public boolean stopsBeforeSwitch() {
    return !stop.isEmpty() || !stopThenStart.isEmpty();
  }
}
