package io.statectl.kernel.eval;

import io.statectl.api.module.StatectlModule;
import java.util.Objects;

/** A module together with the plugin that contributed it, for messages and provenance. */
public record LoadedModule(StatectlModule module, String pluginId, String pluginVersion) {
  public LoadedModule {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(pluginVersion, "pluginVersion");
  }

  public String provenance() {
    return pluginId + "@" + pluginVersion;
  }
}
