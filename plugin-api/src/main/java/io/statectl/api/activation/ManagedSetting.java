package io.statectl.api.activation;

import io.statectl.api.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * A piece of machine state that only a command can change, such as a macOS default or a loaded
 * launchd job. Activation compares the settings of the previous and the next generation by
 * {@code id}: a new setting or one whose {@code state} changed runs {@code apply}; a setting the
 * next generation no longer has runs the {@code revert} the previous generation recorded.
 *
 * <p>Commands run only on a live machine of the setting's platform family with the root at
 * {@code /}; otherwise (another platform, {@code --root DIR}, {@code --dry-run}) they are planned
 * and printed, never run. Arguments may use {@code @home@}, {@code @root@} and {@code @uid@},
 * replaced at activation by the home, the root and the user's numeric id.
 *
 * @param id unique among all settings, e.g. {@code "defaults:com.apple.dock:autohide"}
 * @param family {@code "darwin"} or {@code "linux"}: the machines the commands are for
 * @param state what the setting is set to, compared between generations and shown in plans
 * @param apply commands that set it, in order, each an argument vector
 * @param revert commands that undo it, recorded for when a later generation drops it
 * @since 0.1.1
 */
public record ManagedSetting(String id, Scope scope, String family, String state, List<List<String>> apply,
    List<List<String>> revert, SourceLocation definedAt) implements ActivationEntry {

  /** Whether the setting belongs to the user's home profile or to the machine's system profile. */
  public enum Scope {
    USER,
    SYSTEM
  }

  public ManagedSetting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(definedAt, "definedAt");
    apply = apply.stream().map(List::copyOf).toList();
    revert = revert.stream().map(List::copyOf).toList();
    if (id.isBlank() || id.contains("\n")) {
      throw new IllegalArgumentException("setting id must be one non-blank line: " + id);
    }
    if (!family.equals("darwin") && !family.equals("linux")) {
      throw new IllegalArgumentException("family must be darwin or linux: " + family);
    }
    if (apply.stream().anyMatch(List::isEmpty) || revert.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("a command needs at least a program");
    }
  }
}
