package io.statectl.projections.plugins;

import java.time.Instant;
import java.util.Objects;

/** An installed plugin as the plugin registry read model knows it. */
public record PluginRecord(String id, String version, String sha256, String source, String storePath, String namespace,
    Instant installedAt) {
  public PluginRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(installedAt, "installedAt");
  }
}
