package io.statectl.api.module;

import io.statectl.api.config.ConfigValue;
import java.util.Optional;

/**
 * What the kernel hands a module during evaluation.
 *
 * @since 0.1
 */
public interface ModuleContext {

  /**
   * The merged, type-checked value of the module's namespace, with defaults filled in and
   * references resolved; empty when neither the configuration nor a default sets it.
   */
  Optional<ConfigValue> config();

  /** The platform being evaluated for. */
  io.statectl.api.Platform platform();

  /** The host being evaluated, e.g. {@code "laptop"}. */
  String host();

  /** Read access to files of the configuration repository. */
  ConfigSources sources();

  /**
   * The evaluated value of any option of the configuration, such as {@code "home.sessionVariables"}
   * read by a shell module: merged, type-checked, with defaults and references resolved; empty
   * when unset or undeclared. Read-only, like NixOS's {@code config}.
   *
   * @since 0.1.1
   */
  default Optional<ConfigValue> option(String path) {
    return Optional.empty();
  }
}
