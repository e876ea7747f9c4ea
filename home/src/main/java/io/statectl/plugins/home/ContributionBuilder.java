package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeDirectory;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContribution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects one module's entries and problems. Not thread-safe: one per {@code contribute} call.
 * Emitting one home target twice is a bug of this plugin, not of the user's configuration, so
 * it throws.
 */
final class ContributionBuilder {
  private final List<ActivationEntry> entries = new ArrayList<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> targets = new HashSet<>();

  /** A generated text file in the home. */
  void text(String target, String text, SourceLocation definedAt) {
    add(new HomeFile(target, new FileContent.Text(text), FileMode.REGULAR, definedAt));
  }

  void add(ActivationEntry entry) {
    String target = entry instanceof HomeFile f ? f.target()
        : entry instanceof HomeDirectory d ? d.target() + "/" : null;
    if (target != null && !targets.add(target)) {
      throw new IllegalStateException("the home plugin emitted ~/" + target + " twice");
    }
    entries.add(entry);
  }

  void problem(SourceLocation at, String message, String hint) {
    problems.add(new ConfigProblem(at, message, hint));
  }

  /** The problem list, for helpers that report into it. */
  List<ConfigProblem> problems() {
    return problems;
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** The contribution; a contribution with problems carries no entries, since it is never built. */
  ModuleContribution build() {
    return new ModuleContribution(problems.isEmpty() ? entries : List.of(), problems);
  }
}
