package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A derivation's build failed; nothing of it was registered.
 *
 * @param profile the aggregate of this build: {@code build:<drv base name>}
 * @param derivation absolute store path of the {@code .drv}
 * @param reason what went wrong, as shown to the user
 * @param millis wall-clock duration until the failure
 * @param log file holding the compressed build log
 */
@Revision("1")
public record BuildFailed(String profile, String derivation, String reason, long millis, String log)
    implements StatectlEvent {
  public BuildFailed {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(derivation, "derivation");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(log, "log");
  }
}
