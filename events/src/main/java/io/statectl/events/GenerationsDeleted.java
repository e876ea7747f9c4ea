package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * Generations were deleted from their profile ({@code statectl gc}): they no longer appear in
 * {@code generations} and their trees may be collected. Their history stays in the log, and
 * {@code replay --to-generation N --apply} can realise one again from its configuration snapshot.
 *
 * @param numbers the deleted generation numbers, ascending
 */
@Revision("1")
public record GenerationsDeleted(String profile, List<Integer> numbers) implements StatectlEvent {
  public GenerationsDeleted {
    Objects.requireNonNull(profile, "profile");
    numbers = List.copyOf(numbers);
    if (numbers.isEmpty()) {
      throw new IllegalArgumentException("a deletion names at least one generation");
    }
  }
}
