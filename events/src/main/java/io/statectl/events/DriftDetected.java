package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * {@code statectl status} (or {@code apply --repair}) found the live machine differing from the
 * active generation. Recorded when the drift differs from the last one recorded.
 *
 * @param generation the active generation compared against
 * @param home the home that was checked
 * @param items every difference, sorted by path
 */
@Revision("1")
public record DriftDetected(String profile, int generation, String home, List<DriftItem> items)
    implements StatectlEvent {
  public DriftDetected {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(home, "home");
    items = List.copyOf(items);
  }
}
