package io.statectl.plugins.darwin;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.option.Defaults;
import java.util.Optional;

/**
 * Tells the user's definitions from the declared defaults the kernel filled in: defaults carry
 * {@link Defaults#LOCATION}, everything a configuration file wrote carries that file's location.
 */
final class UserDefinitions {
  private UserDefinitions() {}

  /**
   * Where the user first set something under {@code namespace}, or empty when every value is a
   * default. The namespace table's own location does not count: an empty {@code [darwin]} sets no
   * option.
   */
  static Optional<SourceLocation> firstUnder(ConfigTable namespace) {
    for (ConfigValue v : namespace.entries().values()) {
      Optional<SourceLocation> at = first(v);
      if (at.isPresent()) {
        return at;
      }
    }
    return Optional.empty();
  }

  private static Optional<SourceLocation> first(ConfigValue v) {
    if (!isDefault(v.location())) {
      return Optional.of(v.location());
    }
    if (v instanceof ConfigTable t) {
      return firstUnder(t);
    }
    return Optional.empty();
  }

  static boolean isDefault(SourceLocation at) {
    return at.equals(Defaults.LOCATION);
  }
}
