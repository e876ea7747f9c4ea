package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A deployed generation was not confirmed in time, so the node went back to the generation active
 * before it by itself (a {@link GenerationActivated} with reason rollback precedes this). Recorded
 * in the node's own log.
 *
 * @param number the generation that was deployed and is no longer active
 * @param revertedTo the generation active again
 * @param reason why, e.g. {@code no confirmation within 30s}
 */
@Revision("1")
public record ActivationReverted(String profile, int number, int revertedTo, String reason) implements StatectlEvent {
  public ActivationReverted {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(reason, "reason");
    if (number < 1 || revertedTo < 1) {
      throw new IllegalArgumentException("bad generation numbers " + number + " / " + revertedTo);
    }
  }
}
