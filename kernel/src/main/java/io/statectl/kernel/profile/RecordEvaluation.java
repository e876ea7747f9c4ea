package io.statectl.kernel.profile;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordEvaluation(@TargetAggregateIdentifier String profile, String host, String snapshotPath,
    String generationPath, int entries, List<String> plugins) implements ProfileCommand {
  public RecordEvaluation {
    plugins = List.copyOf(plugins);
  }
}
