package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A deleted generation was brought back ({@code replay --apply}): its tree was realised again from
 * its recorded configuration snapshot, at the same store path, and it is a generation again.
 */
@Revision("1")
public record GenerationRestored(String profile, int number, String storePath) implements StatectlEvent {
  public GenerationRestored {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(storePath, "storePath");
    if (number < 1) {
      throw new IllegalArgumentException("generation numbers start at 1: " + number);
    }
  }
}
