package io.statectl.api.option;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import java.util.List;
import java.util.Map;

/**
 * Default values for option declarations, located at "(default)" so that messages and
 * {@code statectl eval} can tell a default from a user's definition.
 *
 * @since 0.1
 */
public final class Defaults {
  /** The location every declared default carries. */
  public static final SourceLocation LOCATION = SourceLocation.ofFile("(default)");

  private Defaults() {}

  public static ConfigValue of(boolean value) {
    return new ConfigBool(value, LOCATION);
  }

  public static ConfigValue of(long value) {
    return new ConfigInt(value, LOCATION);
  }

  public static ConfigValue of(String value) {
    return new ConfigString(value, LOCATION);
  }

  public static ConfigValue emptyList() {
    return new ConfigList(List.of(), LOCATION);
  }

  public static ConfigValue emptyTable() {
    return new ConfigTable(Map.of(), LOCATION);
  }

  public static ConfigValue listOf(String... values) {
    return new ConfigList(java.util.Arrays.stream(values).map(v -> (ConfigValue) new ConfigString(v, LOCATION)).toList(),
        LOCATION);
  }
}
