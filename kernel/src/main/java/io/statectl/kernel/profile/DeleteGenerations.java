package io.statectl.kernel.profile;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes generations from a profile; refused for the active one and for unknown numbers. */
public record DeleteGenerations(@TargetAggregateIdentifier String profile, List<Integer> numbers)
    implements ProfileCommand {
  public DeleteGenerations {
    numbers = List.copyOf(numbers);
  }
}
