package io.statectl.shell.engine.inspect;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which events {@code statectl history} shows: a time window (since inclusive, until exclusive),
 * event type names (empty: all), and a profile.
 */
public record HistoryFilter(Optional<Instant> since, Optional<Instant> until, Set<String> types,
    Optional<String> profile) {
  public static final HistoryFilter ALL = new HistoryFilter(Optional.empty(), Optional.empty(), Set.of(),
      Optional.empty());

  public HistoryFilter {
    types = Set.copyOf(types);
  }
}
