package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * The live machine was made to match a generation.
 *
 * @param previous the generation active before, or 0 when none was
 * @param home the home directory it was activated into
 */
@Revision("1")
public record GenerationActivated(
    String profile, int number, int previous, String storePath, ActivationReason reason, String home)
    implements StatectlEvent {
  public GenerationActivated {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(home, "home");
    if (number < 1 || previous < 0) {
      throw new IllegalArgumentException("bad generation numbers " + number + " / " + previous);
    }
  }
}
