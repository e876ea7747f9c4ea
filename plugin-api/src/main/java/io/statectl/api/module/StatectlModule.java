package io.statectl.api.module;

import org.pf4j.ExtensionPoint;

/**
 * A module: it owns one top-level namespace of the configuration (for example {@code files}) and
 * turns its evaluated value into activation entries. Plugins contribute modules as PF4J
 * extensions; the kernel finds them only through this interface.
 *
 * <p>Implementations must be stateless and thread-safe: the kernel may evaluate several hosts at
 * once. They never touch the file system; they reach configuration files through {@link
 * ModuleContext#sources()}.
 *
 * @since 0.1
 */
public interface StatectlModule extends ExtensionPoint {

  /** The top-level configuration key this module owns, e.g. {@code "files"}. */
  String namespace();

  /** One line shown in option listings. */
  String description();

  /**
   * The declaration of this module's namespace: usually a {@link
   * io.statectl.api.option.OptionType.Submodule} of named options, or for a table of user-named
   * entries an {@link io.statectl.api.option.OptionType.AttrsOf}. The kernel type-checks and
   * merges every definition against it before {@link #contribute} sees the value.
   */
  io.statectl.api.option.OptionDecl options();

  /**
   * Turns this module's evaluated, type-checked part of the configuration into activation
   * entries. Path options arrive as repository-relative path strings that exist. Problems in the user's configuration are
   * returned as values in the contribution (all of them, not only the first), never thrown.
   */
  ModuleContribution contribute(ModuleContext context);
}
