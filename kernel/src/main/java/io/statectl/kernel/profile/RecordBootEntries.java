package io.statectl.kernel.profile;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the boot entries under {@code root} were rewritten. */
public record RecordBootEntries(@TargetAggregateIdentifier String profile, String root, List<Integer> generations,
    int defaultGeneration) implements ProfileCommand {
  public RecordBootEntries {
    generations = List.copyOf(generations);
  }
}
