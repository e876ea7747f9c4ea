package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A plugin was removed from the state directory (its jar stays in the store until GC).
 *
 * @param forced whether it was removed although the active configuration used it
 */
@Revision("1")
public record PluginRemoved(String profile, String id, String version, boolean forced) implements StatectlEvent {
  public PluginRemoved {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
  }
}
