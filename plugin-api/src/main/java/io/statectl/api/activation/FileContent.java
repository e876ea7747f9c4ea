package io.statectl.api.activation;

import java.util.Objects;

/**
 * Where a managed file's bytes come from.
 *
 * @since 0.1
 */
public sealed interface FileContent {

  /** Inline text from the configuration, written as UTF-8. */
  record Text(String text) implements FileContent {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A file of the configuration repository, named relative to its root. */
  record RepositoryFile(String repositoryPath) implements FileContent {
    public RepositoryFile {
      Objects.requireNonNull(repositoryPath, "repositoryPath");
    }
  }
}
