package io.statectl.api.module;

import io.statectl.api.config.ConfigValue;
import java.util.Optional;

/**
 * What the kernel hands a module during evaluation.
 *
 * @since 0.1
 */
public interface ModuleContext {

  /** The merged value of the module's namespace; empty when the configuration does not set it. */
  Optional<ConfigValue> config();

  /** The host being evaluated, e.g. {@code "laptop"}. */
  String host();

  /** Read access to files of the configuration repository. */
  ConfigSources sources();
}
