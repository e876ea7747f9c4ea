package io.statectl.plugins.services;

import io.statectl.api.Platform;
import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.RootFile;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigSources;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.SourceResolution;
import io.statectl.api.module.StatectlModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A module's namespace written as TOML (as users write it), turned into the values the kernel
 * hands a module, with each key's line; and a context for a Linux host.
 */
final class Configs {
  static final String FILE = "hosts/box.toml";

  private Configs() {}

  /** Contributes {@code module} for a host file whose top-level table is {@code toml}. */
  static ModuleContribution contribute(StatectlModule module, String toml, Platform platform, Map<String, ConfigValue> options) {
    TomlParseResult r = Toml.parse(toml);
    if (r.hasErrors()) {
      throw new IllegalArgumentException(r.errors().toString());
    }
    Optional<ConfigValue> ns = Optional.ofNullable(r.get(module.namespace()))
        .map(v -> convert(v, at(r, module.namespace())));
    ModuleContext context = new ModuleContext() {
      @Override
      public Optional<ConfigValue> config() {
        return ns;
      }

      @Override
      public Platform platform() {
        return platform;
      }

      @Override
      public String host() {
        return "box";
      }

      @Override
      public ConfigSources sources() {
        return (writtenAt, path) -> new SourceResolution.Found(path);
      }

      @Override
      public Optional<ConfigValue> option(String path) {
        return Optional.ofNullable(options.get(path));
      }
    };
    return module.contribute(context);
  }

  static ModuleContribution linux(StatectlModule module, String toml) {
    return contribute(module, toml, Platform.X86_64_LINUX, Map.of());
  }

  private static SourceLocation at(TomlTable t, String key) {
    var p = t.inputPositionOf(List.of(key));
    return p == null ? new SourceLocation(FILE, 1, 1) : new SourceLocation(FILE, p.line(), p.column());
  }

  private static ConfigValue convert(Object v, SourceLocation at) {
    if (v instanceof TomlTable t) {
      Map<String, ConfigValue> m = new LinkedHashMap<>();
      for (String k : t.keySet()) {
        m.put(k, convert(t.get(List.of(k)), at(t, k)));
      }
      return new ConfigTable(m, at);
    }
    if (v instanceof TomlArray a) {
      List<ConfigValue> items = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        items.add(convert(a.get(i), at));
      }
      return new ConfigList(items, at);
    }
    if (v instanceof String s) {
      return new ConfigString(s, at);
    }
    if (v instanceof Boolean b) {
      return new ConfigBool(b, at);
    }
    if (v instanceof Long l) {
      return new ConfigInt(l, at);
    }
    if (v instanceof Double d) {
      return new ConfigFloat(d, at);
    }
    throw new IllegalArgumentException("unsupported TOML value " + v);
  }

  /** The text of the root (or home) file at {@code target}. */
  static String text(ModuleContribution c, String target) {
    for (ActivationEntry e : c.entries()) {
      if (e instanceof RootFile f && f.target().equals(target) && f.content() instanceof FileContent.Text t) {
        return t.text();
      }
      if (e instanceof HomeFile f && f.target().equals(target) && f.content() instanceof FileContent.Text t) {
        return t.text();
      }
    }
    throw new AssertionError("no file " + target + " in " + c.entries());
  }

  static List<String> targets(ModuleContribution c) {
    return c.entries().stream().map(e -> e instanceof RootFile f ? "/" + f.target()
        : e instanceof HomeFile h ? "~/" + h.target() : e.toString()).toList();
  }
}
