package io.statectl.api.module;

/**
 * The outcome of resolving a path mentioned in the configuration.
 *
 * @since 0.1
 */
public sealed interface SourceResolution {

  /** A regular file inside the repository, named relative to the repository root. */
  record Found(String repositoryPath) implements SourceResolution {}

  /** Nothing (or no regular file) is there; {@code tried} is the repository-relative path. */
  record Missing(String tried) implements SourceResolution {}

  /** The path leaves the configuration repository, which would make a snapshot incomplete. */
  record OutsideRepository(String tried) implements SourceResolution {}
}
