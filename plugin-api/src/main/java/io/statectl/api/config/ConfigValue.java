package io.statectl.api.config;

import io.statectl.api.SourceLocation;

/**
 * A parsed configuration value with the location of its definition. Configuration is data, not a
 * program: these are all the shapes a value can take, whatever the file format (TOML, YAML, JSON).
 *
 * @since 0.1
 */
public sealed interface ConfigValue
    permits ConfigTable, ConfigList, ConfigString, ConfigBool, ConfigInt, ConfigFloat {

  SourceLocation location();

  /** The name users see in "expected X, got Y" messages. */
  String typeName();
}
