package io.statectl.kernel.eval;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.module.ConfigProblem;
import io.statectl.kernel.config.RepositoryFileSnapshot;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The outcome of evaluating a host's configuration: entries to build, or every problem found. */
public sealed interface Evaluation {

  /**
   * A clean evaluation.
   *
   * @param plugins {@code id@version} of every plugin whose module took part, sorted
   * @param files every repository file evaluation read: the configuration snapshot
   */
  record Success(String host, List<ActivationEntry> entries, List<String> plugins,
      SortedMap<String, RepositoryFileSnapshot> files) implements Evaluation {
    public Success {
      entries = List.copyOf(entries);
      plugins = List.copyOf(plugins);
      files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
  }

  /** Problems, in the order files were read; never empty. */
  record Failure(List<ConfigProblem> problems) implements Evaluation {
    public Failure {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a failed evaluation has problems");
      }
    }
  }
}
