package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * Activating a generation did not bring the machine fully up: its files were switched (a
 * {@link GenerationActivated} precedes this), but the listed units failed to start or reload.
 *
 * @param number the generation that was being activated
 * @param failedUnits the units that are not up, e.g. {@code "bad.service"} ({@code "(user) x.service"} for a user's)
 * @param rolledBackTo the generation {@code --rollback-on-failure} went back to; 0 when it stayed
 */
@Revision("1")
public record ActivationFailed(String profile, int number, List<String> failedUnits, int rolledBackTo)
    implements StatectlEvent {
  public ActivationFailed {
    Objects.requireNonNull(profile, "profile");
    failedUnits = List.copyOf(failedUnits);
    if (number < 1 || rolledBackTo < 0) {
      throw new IllegalArgumentException("bad generation numbers " + number + " / " + rolledBackTo);
    }
  }
}
