package io.statectl.kernel.units;

import java.util.List;
import java.util.Objects;

/**
 * A unit that did not come up after a switch, with the last lines its journal holds.
 *
 * @param state {@code ActiveState/SubState (Result)} as systemd reported it
 */
public record FailedUnit(UnitScope scope, String name, String state, List<String> journal) {
  public FailedUnit {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    journal = List.copyOf(journal);
  }
}
