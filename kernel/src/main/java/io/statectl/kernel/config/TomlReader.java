package io.statectl.kernel.config;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads TOML into {@link ConfigValue} trees that keep every key's file:line:column. tomlj is
 * used because it reports positions; each value is located at its key (or array slot), which is
 * where a user looks for it.
 */
public final class TomlReader implements ConfigReader {
  /**
   * The parse of the optional file {@code dir/name} (e.g. deploy.toml, statectl.toml), located by
   * {@code name}; empty when there is no such regular file. One copy of the read its owners share.
   */
  public static Optional<ConfigReader.Result> readIfPresent(java.nio.file.Path dir, String name) {
    java.nio.file.Path file = dir.resolve(name);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TomlReader().read(name, java.nio.file.Files.readAllBytes(file)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }


  @Override
  public Result read(String path, byte[] bytes) {
    List<ConfigProblem> undecodable = new ArrayList<>();
    Optional<String> decoded = ConfigReader.utf8(path, bytes, undecodable);
    if (decoded.isEmpty()) {
      return new Result.Malformed(undecodable);
    }
    TomlParseResult parsed = Toml.parse(decoded.get());
    if (parsed.hasErrors()) {
      List<ConfigProblem> problems = new ArrayList<>();
      for (TomlParseError e : parsed.errors()) {
        TomlPosition p = e.position();
        problems.add(new ConfigProblem(new SourceLocation(path, p.line(), p.column()),
            "TOML syntax error: " + e.getMessage().replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", ""),
            "fix the syntax (TOML reference: https://toml.io/en/v1.0.0)"));
      }
      return new Result.Malformed(problems);
    }
    return new Result.Parsed(new ConfigDocument(path, table(path, parsed, new SourceLocation(path, 1, 1))));
  }

  private ConfigTable table(String path, TomlTable t, SourceLocation at) {
    // Definition order, which tomlj does not keep in keySet(): sort by where each key was written.
    List<String> keys = new ArrayList<>(t.keySet());
    keys.sort(Comparator.comparing((String k) -> position(t, k).line())
        .thenComparing(k -> position(t, k).column()).thenComparing(k -> k));
    Map<String, ConfigValue> entries = new LinkedHashMap<>();
    for (String k : keys) {
      TomlPosition p = position(t, k);
      entries.put(k, value(path, t.get(List.of(k)), new SourceLocation(path, p.line(), p.column())));
    }
    return new ConfigTable(entries, at);
  }

  private static TomlPosition position(TomlTable t, String key) {
    TomlPosition p = t.inputPositionOf(List.of(key));
    return p == null ? TomlPosition.positionAt(1, 1) : p;
  }

  private ConfigValue value(String path, Object v, SourceLocation at) {
    if (v instanceof TomlTable t) {
      return table(path, t, at);
    }
    if (v instanceof TomlArray a) {
      List<ConfigValue> items = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        TomlPosition p = a.inputPositionOf(i);
        SourceLocation itemAt = p == null ? at : new SourceLocation(path, p.line(), p.column());
        items.add(value(path, a.get(i), itemAt));
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
    // Dates and times have no option type yet; keep their literal text so a string option accepts them.
    return new ConfigString(String.valueOf(v), at);
  }
}
