package io.statectl.kernel.config;

import java.util.Optional;

/**
 * The port through which evaluation reads the configuration repository (Tvix's {@code EvalIO}),
 * so that evaluation is deterministic and testable. Paths are repository-relative, normalised,
 * with {@code /} separators. Implementations are thread-safe.
 */
public interface ConfigFileSystem {

  /** The bytes of a regular file; empty when there is no regular file at {@code path}. */
  Optional<byte[]> read(String path);

  /** Whether the file at {@code path} is executable (meaningful only for existing files). */
  boolean isExecutable(String path);

  /** Host names: the base names of {@code hosts/*.toml|yaml|yml|json}, sorted. */
  java.util.List<String> hosts();

  /** Absolute description of the repository for messages, e.g. its directory. */
  String describe();

  /**
   * The names of the inputs (issue 17) this repository has mounted at {@code @<name>/…}: an import
   * {@code name/file.toml} then reads {@code @name/modules/file.toml}. None by default.
   */
  default java.util.Set<String> inputs() {
    return java.util.Set.of();
  }
}
