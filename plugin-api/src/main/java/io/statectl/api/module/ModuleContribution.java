package io.statectl.api.module;

import io.statectl.api.activation.ActivationEntry;
import java.util.List;

/**
 * What a module adds to a generation, or the problems that prevent it. A contribution with
 * problems is never built.
 *
 * @since 0.1
 */
public record ModuleContribution(List<ActivationEntry> entries, List<ConfigProblem> problems) {
  public ModuleContribution {
    entries = List.copyOf(entries);
    problems = List.copyOf(problems);
  }

  public static ModuleContribution empty() {
    return new ModuleContribution(List.of(), List.of());
  }
}
