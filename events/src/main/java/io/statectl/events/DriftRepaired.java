package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * {@code statectl apply --repair} made the live machine match the active generation again.
 *
 * @param items the differences it fixed (unmanaged files are reported, never removed)
 */
@Revision("1")
public record DriftRepaired(String profile, int generation, String home, List<DriftItem> items)
    implements StatectlEvent {
  public DriftRepaired {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(home, "home");
    items = List.copyOf(items);
  }
}
