package io.statectl.kernel.plugins;

import java.util.Objects;

/** One plugin pinned by a configuration's lock file. */
public record LockedPlugin(String id, String version, String sha256, String source) {
  public LockedPlugin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(source, "source");
  }
}
