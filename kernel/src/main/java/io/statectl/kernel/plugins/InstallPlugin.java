package io.statectl.kernel.plugins;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a plugin installation. {@code upgrade} distinguishes {@code plugin upgrade} (replacing
 * an installed version on purpose) from {@code plugin install} (refused over another version).
 */
public record InstallPlugin(@TargetAggregateIdentifier String registry, String id, String version, String sha256,
    String source, String storePath, String namespace, Intent intent) {

  /** Whether replacing another installed version is intended. */
  public enum Intent { INSTALL, UPGRADE }
}
