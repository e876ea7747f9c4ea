package io.statectl.events;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A plugin was installed (or upgraded) under the state directory.
 *
 * @param profile the plugin registry's aggregate id, always {@code "plugins"}
 * @param sha256 hex SHA-256 of the jar
 * @param source where it was installed from (a path or URL)
 * @param storePath the store path holding the jar; old versions stay there for old generations
 * @param namespace the option namespace its modules may use
 */
@Revision("1")
public record PluginInstalled(String profile, String id, String version, String sha256, String source,
    String storePath, String namespace) implements StatectlEvent {
  public PluginInstalled {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(namespace, "namespace");
  }
}
