package io.statectl.kernel.profile;

import io.statectl.events.DriftItem;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records drift found against the active generation ({@code repaired} says whether it was fixed).
 *
 * @param outcome whether the drift was only seen, or repaired
 */
public record RecordDrift(@TargetAggregateIdentifier String profile, int generation, String home,
    List<DriftItem> items, Outcome outcome) implements ProfileCommand {
  public RecordDrift {
    items = List.copyOf(items);
  }

  /** What happened to the drift. */
  public enum Outcome { DETECTED, REPAIRED }
}
