package io.statectl.projections.drift;

import io.statectl.events.DriftItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The last drift recorded for a profile.
 *
 * @param state {@code "detected"} or {@code "repaired"}
 * @param event the log sequence that recorded it
 */
public record DriftRecord(String profile, int generation, String home, List<DriftItem> items, String state,
    Instant at, long event) {
  public DriftRecord {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    items = List.copyOf(items);
  }
}
