package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A submitted configuration evaluated cleanly and its generation tree was realised.
 *
 * @param generationPath store path of the realised generation (files tree + activation manifest)
 * @param entries number of activation entries
 * @param plugins the plugins evaluation used, as {@code id@version}, sorted
 */
@Revision("1")
public record ConfigurationEvaluated(
    String profile, String host, String snapshotPath, String generationPath, int entries, List<String> plugins)
    implements StatectlEvent {
  public ConfigurationEvaluated {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(snapshotPath, "snapshotPath");
    Objects.requireNonNull(generationPath, "generationPath");
    plugins = List.copyOf(plugins);
  }
}
