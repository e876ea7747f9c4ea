package io.statectl.kernel.profile;

import io.statectl.events.ActivationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that generation {@code number} was activated.
 *
 * @param expectedPrevious the generation the caller saw active (0 for none); a mismatch means
 *     another statectl changed the profile meanwhile, and the command is refused
 */
public record ActivateGeneration(@TargetAggregateIdentifier String profile, int number, int expectedPrevious,
    ActivationReason reason, String home, String root) implements ProfileCommand {
  public ActivateGeneration(String profile, int number, int expectedPrevious, ActivationReason reason, String home) {
    this(profile, number, expectedPrevious, reason, home, null);
  }
}
