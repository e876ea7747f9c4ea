package io.statectl.plugins.darwin;

import io.statectl.api.Platform;
import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigSources;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.SourceResolution;
import io.statectl.api.option.Defaults;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds configuration values the way the kernel hands them to the module: user values at a
 * location in {@code hosts/mac.toml}, declared defaults filled in at {@link Defaults#LOCATION}.
 */
final class Configs {
  static final String FILE = "hosts/mac.toml";

  private Configs() {}

  static SourceLocation at(int line) {
    return new SourceLocation(FILE, line, 1);
  }

  static ConfigString str(String v) {
    return new ConfigString(v, at(1));
  }

  static ConfigBool bool(boolean v) {
    return new ConfigBool(v, at(1));
  }

  static ConfigInt integer(long v) {
    return new ConfigInt(v, at(1));
  }

  static ConfigFloat real(double v) {
    return new ConfigFloat(v, at(1));
  }

  static ConfigList list(ConfigValue... items) {
    return new ConfigList(Arrays.asList(items), at(1));
  }

  /** A user-written table; {@code kv} alternates keys and values. */
  static ConfigTable table(int line, Object... kv) {
    Map<String, ConfigValue> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (ConfigValue) kv[i + 1]);
    }
    return new ConfigTable(m, at(line));
  }

  /** A launchd job as merged: the user's keys plus the declared defaults for arguments and environment. */
  static ConfigTable job(int line, Object... kv) {
    ConfigTable user = table(line, kv);
    Map<String, ConfigValue> m = new LinkedHashMap<>(user.entries());
    m.putIfAbsent(DarwinOptions.ARGUMENTS, Defaults.emptyList());
    m.putIfAbsent(DarwinOptions.ENVIRONMENT, Defaults.emptyTable());
    return new ConfigTable(m, user.location());
  }

  /** The {@code darwin} table as merged, with the given parts (null: nobody defined it). */
  static ConfigTable darwin(ConfigTable agents, ConfigTable daemons, ConfigTable defaults, ConfigBool linkApplications) {
    Map<String, ConfigValue> launchd = new LinkedHashMap<>();
    launchd.put(DarwinOptions.AGENTS, agents != null ? agents : Defaults.emptyTable());
    launchd.put(DarwinOptions.DAEMONS, daemons != null ? daemons : Defaults.emptyTable());
    Map<String, ConfigValue> d = new LinkedHashMap<>();
    d.put(DarwinOptions.LAUNCHD, new ConfigTable(launchd, Defaults.LOCATION));
    d.put(DarwinOptions.DEFAULTS, defaults != null ? defaults : Defaults.emptyTable());
    d.put(DarwinOptions.LINK_APPLICATIONS, linkApplications != null ? linkApplications : (ConfigBool) Defaults.of(true));
    return new ConfigTable(d, Defaults.LOCATION);
  }

  static ConfigTable nothingSet() {
    return darwin(null, null, null, null);
  }

  static ModuleContext context(Platform platform, ConfigTable darwin) {
    return context(platform, darwin, Map.of());
  }

  /** A context for {@code darwin}, where {@code options} answers {@link ModuleContext#option}. */
  static ModuleContext context(Platform platform, ConfigTable darwin, Map<String, ConfigValue> options) {
    return new ModuleContext() {
      @Override
      public Optional<ConfigValue> config() {
        return Optional.of(darwin);
      }

      @Override
      public Platform platform() {
        return platform;
      }

      @Override
      public String host() {
        return "mac";
      }

      @Override
      public ConfigSources sources() {
        return (from, p) -> new SourceResolution.Missing(p);
      }

      @Override
      public Optional<ConfigValue> option(String path) {
        return Optional.ofNullable(options.get(path));
      }
    };
  }
}
