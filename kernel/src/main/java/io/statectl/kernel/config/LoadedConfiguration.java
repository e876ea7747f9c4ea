package io.statectl.kernel.config;

import io.statectl.api.module.ConfigProblem;
import java.util.List;

/**
 * The files of one host's configuration in merge order (every file after the files it imports),
 * and the problems found while loading them. Loading goes on past problems so that a user sees
 * all of them at once.
 */
public record LoadedConfiguration(String entry, List<ConfigDocument> documents, List<ConfigProblem> problems) {
  public LoadedConfiguration {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
  }
}
