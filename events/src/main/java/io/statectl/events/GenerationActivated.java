package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * The live machine was made to match a generation.
 *
 * @param previous the generation active before, or 0 when none was
 * @param home the home directory it was activated into
 * @param root the root its root files were placed under; {@code null} when it had none (and in
 *     events written before root files existed), which is why a missing field needs no upcaster
 */
@Revision("1")
public record GenerationActivated(
    String profile, int number, int previous, String storePath, ActivationReason reason, String home,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    String root)
    implements StatectlEvent {
  public GenerationActivated(String profile, int number, int previous, String storePath, ActivationReason reason,
      String home) {
    this(profile, number, previous, storePath, reason, home, null);
  }

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
