package io.statectl.projections.generations;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A generation as the generations read model knows it.
 *
 * @param createdAt when {@code GenerationCreated} was recorded
 * @param plugins the plugins its evaluation used, {@code id@version}
 * @param event the log sequence of its {@code GenerationCreated}
 */
public record GenerationRecord(String profile, int number, String host, String storePath, String snapshotPath,
    Instant createdAt, List<String> plugins, long event) {
  public GenerationRecord {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(snapshotPath, "snapshotPath");
    Objects.requireNonNull(createdAt, "createdAt");
    plugins = List.copyOf(plugins);
  }
}
