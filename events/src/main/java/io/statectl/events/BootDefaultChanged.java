package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * {@code statectl boot --default N} or {@code --once N}: which generation the machine boots next.
 *
 * @param root the machine root whose {@code /boot/loader} was written
 * @param choice for the next boot only ({@code --once}) or every boot ({@code --default})
 */
@Revision("1")
public record BootDefaultChanged(String profile, String root, int generation, BootChoice choice) implements StatectlEvent {
  public BootDefaultChanged {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(choice, "choice");
  }
}
