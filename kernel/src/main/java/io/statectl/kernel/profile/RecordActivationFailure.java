package io.statectl.kernel.profile;

import io.statectl.events.ActivationFailed;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that an activation failed (units, a step, or a crash found by the next command); when
 * {@code activated} is present, the generation it left active is recorded in the same commit.
 */
public record RecordActivationFailure(@TargetAggregateIdentifier String profile, ActivationFailed failure,
    java.util.Optional<ActivateGeneration> activated) implements ProfileCommand {
  public RecordActivationFailure {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(activated, "activated");
    if (!profile.equals(failure.profile())) {
      throw new IllegalArgumentException("failure of " + failure.profile() + " sent to " + profile);
    }
  }
}
