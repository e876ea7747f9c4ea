package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * The boot entries under a root were rewritten: which generations now have one and which is the
 * loader's default. Recorded only when either changed.
 *
 * @param root the machine root whose {@code /boot/loader} was written
 * @param generations the generations with an entry, ascending
 */
@Revision("1")
public record BootEntriesWritten(String profile, String root, List<Integer> generations, int defaultGeneration)
    implements StatectlEvent {
  public BootEntriesWritten {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(root, "root");
    generations = List.copyOf(generations);
  }
}
