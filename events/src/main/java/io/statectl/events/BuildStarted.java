package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A derivation's builder was started because an output of it was missing from the store.
 *
 * @param profile the aggregate of this build: {@code build:<drv base name>}
 * @param derivation absolute store path of the {@code .drv}
 * @param outputs absolute store paths the build is to produce
 */
@Revision("1")
public record BuildStarted(String profile, String derivation, List<String> outputs) implements StatectlEvent {
  public BuildStarted {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(derivation, "derivation");
    outputs = List.copyOf(outputs);
  }
}
