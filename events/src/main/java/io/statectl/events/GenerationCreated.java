package io.statectl.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A realised configuration became the next numbered generation of its profile.
 *
 * @param source the git revision of the configuration; {@code null} when it was not in a git work
 *     tree (and in events written before revisions were recorded: no upcaster needed)
 * @param message the user's {@code apply --message}; {@code null} when none was given
 */
@Revision("1")
public record GenerationCreated(
    String profile, int number, String host, String storePath, String snapshotPath,
    @JsonInclude(JsonInclude.Include.NON_NULL) SourceRevision source,
    @JsonInclude(JsonInclude.Include.NON_NULL) String message)
    implements StatectlEvent {
  public GenerationCreated(String profile, int number, String host, String storePath, String snapshotPath) {
    this(profile, number, host, storePath, snapshotPath, null, null);
  }

  public GenerationCreated {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(snapshotPath, "snapshotPath");
    if (number < 1) {
      throw new IllegalArgumentException("generation numbers start at 1: " + number);
    }
  }
}
