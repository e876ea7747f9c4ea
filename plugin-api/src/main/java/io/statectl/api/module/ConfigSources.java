package io.statectl.api.module;

import io.statectl.api.SourceLocation;

/**
 * The port through which modules look at files of the configuration repository (Tvix's
 * {@code EvalIO}): paths are resolved relative to the file that mentions them and may not leave
 * the repository. Thread-safe.
 *
 * @since 0.1
 */
public interface ConfigSources {

  /**
   * Resolves {@code path}, written in the file of {@code writtenAt}, to a file of the repository.
   */
  SourceResolution resolve(SourceLocation writtenAt, String path);
}
