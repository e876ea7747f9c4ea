package io.statectl.kernel.activation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One step of an activation plan. A closed family: the {@link Activator} handles each kind, and
 * {@code --dry-run} prints them.
 */
public sealed interface PlanStep {

  /** A human-readable line for plans and dry runs. */
  String describe();

  /** Link {@code live} to {@code linkTarget}, creating missing parent directories. */
  record CreateLink(Path live, Path linkTarget) implements PlanStep {
    public CreateLink {
      Objects.requireNonNull(live, "live");
      Objects.requireNonNull(linkTarget, "linkTarget");
    }

    @Override
    public String describe() {
      return "link    " + live + " -> " + linkTarget;
    }
  }

  /** Save the unowned file at {@code live} into the store, then link it like {@link CreateLink}. */
  record BackUpAndLink(Path live, Path linkTarget) implements PlanStep {
    public BackUpAndLink {
      Objects.requireNonNull(live, "live");
      Objects.requireNonNull(linkTarget, "linkTarget");
    }

    @Override
    public String describe() {
      return "backup  " + live + " (into the store), then link -> " + linkTarget;
    }
  }

  /** Remove a link statectl made that the new generation no longer wants. */
  record RemoveLink(Path live) implements PlanStep {
    public RemoveLink {
      Objects.requireNonNull(live, "live");
    }

    @Override
    public String describe() {
      return "remove  " + live;
    }
  }

  /** Point the profile's stable link at the new generation: one atomic rename. */
  record SwitchProfile(Path profileLink, int number, Path generation) implements PlanStep {
    public SwitchProfile {
      Objects.requireNonNull(profileLink, "profileLink");
      Objects.requireNonNull(generation, "generation");
    }

    @Override
    public String describe() {
      return "switch  " + profileLink + " -> generation " + number + " (" + generation + ")";
    }
  }

  /** Create a directory (and its parents) or correct its permissions. */
  record EnsureDirectory(Path directory, String permissions) implements PlanStep {
    public EnsureDirectory {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(permissions, "permissions");
    }

    @Override
    public String describe() {
      return "mkdir   " + directory + " (" + permissions + ")";
    }
  }

  /**
   * Run a managed setting's commands, or, when {@code run} is false, only show them.
   *
   * @param action {@code "apply"} or {@code "revert"}
   */
  record RunCommands(String id, String action, java.util.List<java.util.List<String>> commands, boolean run,
      String notRunBecause) implements PlanStep {
    public RunCommands {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(action, "action");
      commands = commands.stream().map(java.util.List::copyOf).toList();
      Objects.requireNonNull(notRunBecause, "notRunBecause");
    }

    @Override
    public String describe() {
      StringBuilder b = new StringBuilder(run ? "run     " : "planned ").append(id).append(": ").append(action);
      if (!run) {
        b.append(" (not run: ").append(notRunBecause).append(')');
      }
      for (java.util.List<String> c : commands) {
        b.append("\n            $ ").append(Commands.render(c));
      }
      return b.toString();
    }
  }

  /**
   * Stop units with their old definitions, before the unit files change: those the next
   * generation drops and changed ones that stop before they start again.
   *
   * @param run false when the units are only planned (another root, a dry run, no systemd here)
   */
  record StopUnits(io.statectl.kernel.units.UnitDecision decision, boolean run, String notRunBecause)
      implements PlanStep {
    public StopUnits {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(notRunBecause, "notRunBecause");
    }

    /** The units stopped, in order. */
    public java.util.List<String> units() {
      java.util.List<String> all = new java.util.ArrayList<>(decision.stop());
      all.addAll(decision.stopThenStart());
      return all;
    }

    @Override
    public String describe() {
      return (run ? "units   " : "planned ") + scope(decision) + "stop " + String.join(" ", units())
          + " (before the switch)" + (run ? "" : " (not run: " + notRunBecause + ")");
    }
  }

  /**
   * After the unit files changed: one daemon-reload, then reload, restart and start, and check
   * that what was started stays up.
   */
  record SwitchUnits(io.statectl.kernel.units.UnitDecision decision, boolean run, String notRunBecause)
      implements PlanStep {
    public SwitchUnits {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(notRunBecause, "notRunBecause");
    }

    /** The units started after the switch: new ones and those stopped before it. */
    public java.util.List<String> started() {
      java.util.List<String> all = new java.util.ArrayList<>(decision.stopThenStart());
      all.addAll(decision.start());
      return all;
    }

    @Override
    public String describe() {
      java.util.List<String> parts = new java.util.ArrayList<>();
      if (decision.daemonReload()) {
        parts.add("daemon-reload");
      }
      if (!decision.reload().isEmpty()) {
        parts.add("reload " + String.join(" ", decision.reload()));
      }
      if (!decision.restart().isEmpty()) {
        parts.add("restart " + String.join(" ", decision.restart()));
      }
      if (!started().isEmpty()) {
        parts.add("start " + String.join(" ", started()));
      }
      if (!decision.leftRunning().isEmpty()) {
        parts.add("leave running (restartIfChanged = false) " + String.join(" ", decision.leftRunning()));
      }
      return (run ? "units   " : "planned ") + scope(decision) + String.join("; ", parts)
          + (run ? "" : " (not run: " + notRunBecause + ")");
    }
  }

  private static String scope(io.statectl.kernel.units.UnitDecision d) {
    return d.scope() == io.statectl.kernel.units.UnitScope.USER ? "(user) " : "";
  }
}
