package io.statectl.api.activation;

import java.util.Objects;

/**
 * Where a managed file's bytes come from.
 *
 * @since 0.1
 */
public sealed interface FileContent {

  /**
   * A symbolic link with this target, kept verbatim (a relative target resolves against the
   * link's place in the generation, so {@code "../.statectl-profile/Applications"} next to
   * another managed file reaches that file's target).
   *
   * @since 0.1.1
   */
  record SymbolicLink(String target) implements FileContent {
    public SymbolicLink {
      Objects.requireNonNull(target, "target");
      if (target.isEmpty() || target.contains("\0")) {
        throw new IllegalArgumentException("link target must be a non-empty path");
      }
    }
  }

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
