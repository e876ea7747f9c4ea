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
}
