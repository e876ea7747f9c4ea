package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A configuration was handed to statectl for a host: its files were snapshotted into the store.
 *
 * @param snapshotPath store path of the content-addressed snapshot of the repository
 * @param configDir absolute directory it was read from (for messages; the snapshot is the truth)
 */
@Revision("1")
public record ConfigurationSubmitted(String profile, String host, String snapshotPath, String configDir)
    implements StatectlEvent {
  public ConfigurationSubmitted {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(snapshotPath, "snapshotPath");
    Objects.requireNonNull(configDir, "configDir");
  }
}
