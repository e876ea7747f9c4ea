package io.statectl.kernel.profile;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that an activation left units failed. */
public record RecordActivationFailure(@TargetAggregateIdentifier String profile, int number, List<String> failedUnits,
    int rolledBackTo) implements ProfileCommand {
  public RecordActivationFailure {
    failedUnits = List.copyOf(failedUnits);
  }
}
