package io.statectl.kernel.eval;

import io.statectl.api.Platform;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.module.ConfigProblem;
import io.statectl.kernel.config.RepositoryFileSnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The outcome of evaluating a host's configuration: entries to build, or every problem found. */
public sealed interface Evaluation {

  /**
   * A clean evaluation.
   *
   * @param config the merged, type-checked configuration with references resolved
   * @param traces every definition offered for each scalar and list option, by option path
   * @param plugins {@code id@version} of every plugin whose module took part, sorted
   * @param files every repository file evaluation read: the configuration snapshot
   */
  record Success(String host, Platform platform, ConfigTable config, Map<String, OptionTrace> traces,
      List<ActivationEntry> entries, List<String> plugins, SortedMap<String, RepositoryFileSnapshot> files)
      implements Evaluation {
    public Success {
      traces = Collections.unmodifiableMap(new LinkedHashMap<>(traces));
      entries = List.copyOf(entries);
      plugins = List.copyOf(plugins);
      files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
  }

  /** Problems, sorted by location; never empty. */
  record Failure(List<ConfigProblem> problems) implements Evaluation {
    public Failure {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a failed evaluation has problems");
      }
    }
  }
}
