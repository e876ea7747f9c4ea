package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/** A realised configuration became the next numbered generation of its profile. */
@Revision("1")
public record GenerationCreated(
    String profile, int number, String host, String storePath, String snapshotPath)
    implements StatectlEvent {
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
