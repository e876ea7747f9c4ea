package io.statectl.api;

/**
 * Facts about this plugin API, for compatibility checks: a plugin's {@code Plugin-Requires} range
 * is matched against {@link #VERSION}.
 *
 * @since 0.1
 */
public final class PluginApi {
  /** The version of the plugin API the running statectl provides (semantic versioning). */
  public static final String VERSION = "0.1.2";

  private PluginApi() {}
}
