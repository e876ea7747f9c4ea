package io.statectl.projections.generations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.statectl.events.SourceRevision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A generation as the generations read model knows it.
 *
 * @param createdAt when {@code GenerationCreated} was recorded
 * @param plugins the plugins its evaluation used, {@code id@version}
 * @param event the log sequence of its {@code GenerationCreated}
 * @param source the git revision its configuration came from; {@code null} when unknown
 * @param message the user's {@code apply --message}; {@code null} when none
 */
public record GenerationRecord(String profile, int number, String host, String storePath, String snapshotPath,
    Instant createdAt, List<String> plugins, long event,
    @JsonInclude(JsonInclude.Include.NON_NULL) SourceRevision source,
    @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
  public GenerationRecord {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(snapshotPath, "snapshotPath");
    Objects.requireNonNull(createdAt, "createdAt");
    plugins = List.copyOf(plugins);
  }

  /** Where its configuration came from in git, when it was in a work tree. */
  public Optional<SourceRevision> revision() {
    return Optional.ofNullable(source);
  }

  /** The message given with {@code apply --message}, if any. */
  public Optional<String> note() {
    return Optional.ofNullable(message);
  }
}
