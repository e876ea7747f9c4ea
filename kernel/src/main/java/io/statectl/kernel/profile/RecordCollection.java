package io.statectl.kernel.profile;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the store paths the garbage collector removed. */
public record RecordCollection(@TargetAggregateIdentifier String profile, List<String> paths, long bytes)
    implements ProfileCommand {
  public RecordCollection {
    paths = List.copyOf(paths);
  }
}
