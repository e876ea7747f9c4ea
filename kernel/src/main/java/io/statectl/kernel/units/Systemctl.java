package io.statectl.kernel.units;

import io.statectl.kernel.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live service manager, through {@code systemctl} and {@code journalctl} (the same commands
 * an administrator would type, so what statectl did can be followed in the journal).
 */
public final class Systemctl {
  /** How long a started unit must stay up before the switch counts it as started. */
  static final long SETTLE_MILLIS = 600;
  /** How long a unit may stay {@code activating} before it counts as failed. */
  static final long START_TIMEOUT_MILLIS = 10_000;
  static final int JOURNAL_LINES = 10;

  /** The units' {@code ActiveState}s; a unit systemd does not know reads as {@code inactive}. */
  public UnitSwitch.LiveState liveState(UnitScope scope, Collection<String> units) {
    Map<String, Map<String, String>> shown = show(scope, units);
    return unit -> Optional.ofNullable(shown.get(unit)).map(p -> p.getOrDefault("ActiveState", "inactive"));
  }

  /** {@code systemctl VERB UNITS…}; returns its exit code and output, never throws on a non-zero exit. */
  public Ran run(UnitScope scope, String verb, List<String> units) {
    List<String> argv = new ArrayList<>(List.of("systemctl"));
    argv.addAll(scope.managerFlags);
    argv.add(verb);
    argv.addAll(units);
    return exec(scope, argv);
  }

  /**
   * Waits until none of {@code units} is still activating (at least {@link #SETTLE_MILLIS}, at
   * most {@link #START_TIMEOUT_MILLIS}), then returns those that are not up, with their journal.
   */
  public List<FailedUnit> failed(UnitScope scope, List<String> units) {
    if (units.isEmpty()) {
      return List.of();
    }
    long started = System.nanoTime();
    Map<String, Map<String, String>> shown;
    while (true) {
      sleep(100);
      shown = show(scope, units);
      long elapsed = (System.nanoTime() - started) / 1_000_000;
      boolean activating = shown.values().stream().anyMatch(p -> "activating".equals(p.get("ActiveState"))
          && !"auto-restart".equals(p.get("SubState")));
      if (elapsed >= START_TIMEOUT_MILLIS || (elapsed >= SETTLE_MILLIS && !activating)) {
        break;
      }
    }
    List<FailedUnit> failed = new ArrayList<>();
    for (String unit : units) {
      Map<String, String> p = shown.getOrDefault(unit, Map.of());
      String active = p.getOrDefault("ActiveState", "unknown");
      String result = p.getOrDefault("Result", "success");
      boolean up = (active.equals("active") || active.equals("reloading")) && result.equals("success")
          || active.equals("inactive") && result.equals("success") && !unit.endsWith(".service") // an elapsed timer
          || active.equals("inactive") && result.equals("success") && "oneshot".equals(p.get("Type"));
      if (!up) {
        failed.add(new FailedUnit(scope, unit, active + "/" + p.getOrDefault("SubState", "?") + " (" + result + ")",
            journal(scope, unit)));
      }
    }
    return failed;
  }

  /** The last lines of a unit's journal, oldest first. */
  public List<String> journal(UnitScope scope, String unit) {
    // not --user for a user unit: that reads only the user's own journal files, which journald keeps
    // apart only with persistent storage (and never for system users); --user-unit matches in every
    // journal the caller may read
    List<String> argv = new ArrayList<>(List.of("journalctl", "--no-pager", "-q", "-n", String.valueOf(JOURNAL_LINES),
        "-o", "short-precise", scope == UnitScope.USER ? "--user-unit" : "-u", unit));
    return exec(scope, argv).output().lines().filter(l -> !l.isBlank()).toList();
  }

  private Map<String, Map<String, String>> show(UnitScope scope, Collection<String> units) {
    Map<String, Map<String, String>> byUnit = new HashMap<>();
    if (units.isEmpty()) {
      return byUnit;
    }
    List<String> argv = new ArrayList<>(List.of("systemctl"));
    argv.addAll(scope.managerFlags);
    argv.addAll(List.of("show", "-p", "Id", "-p", "ActiveState", "-p", "SubState", "-p", "Result", "-p", "Type", "--"));
    argv.addAll(units);
    Map<String, String> current = new HashMap<>();
    List<String> order = new ArrayList<>(units);
    int index = 0;
    for (String line : (exec(scope, argv).output() + "\n\n").split("\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty() && index < order.size()) {
          // blocks come in the order asked; Id may name an alias, so match by position
          byUnit.put(order.get(index++), current);
        }
        current = new HashMap<>();
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        current.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return byUnit;
  }

  /** A finished command: its exit code and its output (stdout and stderr together). */
  public record Ran(int exitCode, String output) {}

  /**
   * What {@code systemctl --user} needs to find the user's manager: {@code XDG_RUNTIME_DIR}, which
   * a login session sets but {@code sudo -u}, {@code runuser}, cron and ssh without PAM do not; then
   * the manager of the user running statectl is at {@code /run/user/<uid>} (with lingering, also
   * when that user is not logged in).
   */
  static Map<String, String> environment(UnitScope scope, Map<String, String> inherited, String uid) {
    if (scope != UnitScope.USER || inherited.containsKey("XDG_RUNTIME_DIR")) {
      return Map.of();
    }
    Path runtime = Path.of("/run/user", uid);
    return Files.isDirectory(runtime) ? Map.of("XDG_RUNTIME_DIR", runtime.toString()) : Map.of();
  }

  private static Ran exec(UnitScope scope, List<String> argv) {
    try {
      String uid = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
      return exec(argv, environment(scope, System.getenv(), uid));
    } catch (IOException | UnsupportedOperationException e) {
      return exec(argv, Map.of());
    }
  }

  private static Ran exec(List<String> argv, Map<String, String> env) {
    try {
      Processes.Finished done = Processes.capture(argv, env);
      return new Ran(done.exitCode(), new String(done.output(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + argv.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for units to start", e);
    }
  }
}
