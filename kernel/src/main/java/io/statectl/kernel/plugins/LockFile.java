package io.statectl.kernel.plugins;

import io.statectl.api.DurableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * {@code statectl.lock} in the configuration repository: every plugin the configuration needs,
 * pinned by id, version and SHA-256, with where it came from, and every input ({@code [inputs.<name>]},
 * issue 17) pinned by commit and NAR hash. Written canonically (sorted, one table per plugin or input)
 * so that it diffs well in git; replaced atomically, and each writer keeps the other's tables.
 */
public final class LockFile {
  public static final String NAME = "statectl.lock";

  private LockFile() {}

  public static Path of(Path configDir) {
    return configDir.resolve(NAME);
  }

  /** The pinned plugins, by id; empty when there is no lock file. */
  public static Map<String, LockedPlugin> read(Path configDir) {
    Path file = of(configDir);
    Map<String, LockedPlugin> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    TomlParseResult r = parse(file);
    if (r.hasErrors()) {
      throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, file.toString(),
          firstError(file, r), "restore it from git; it is written by `statectl plugin install --config`");
    }
    TomlTable plugins = r.getTable("plugins");
    if (plugins == null) {
      return out;
    }
    for (String id : plugins.keySet()) {
      TomlTable t = plugins.getTable(java.util.List.of(id));
      if (t == null || t.getString("version") == null || t.getString("sha256") == null) {
        throw new PluginRejectedException(PluginRejectedException.Reason.UNREADABLE, file.toString(),
            file + ": plugins." + id + " needs version and sha256", "reinstall it with `statectl plugin install --config`");
      }
      out.put(id, new LockedPlugin(id, t.getString("version"), t.getString("sha256"),
          t.getString("source") == null ? "" : t.getString("source")));
    }
    return out;
  }

  /** Writes the plugins' pins, keeping the inputs' pins as they are. */
  /** The lock file parsed (its errors, if any, in the result); both readers of its tables use it. */
  static TomlParseResult parse(Path file) {
    try {
      return Toml.parse(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** {@code file:line:column: lock file is not valid TOML: …} for the first error of {@code r}. */
  static String firstError(Path file, TomlParseResult r) {
    var e = r.errors().get(0);
    return file + ":" + e.position().line() + ":" + e.position().column() + ": lock file is not valid TOML: "
        + e.getMessage();
  }

  public static void write(Path configDir, Map<String, LockedPlugin> plugins) {
    write(configDir, plugins, InputLocks.read(configDir));
  }

  /** Writes the inputs' pins, keeping the plugins' pins as they are. */
  public static void writeInputs(Path configDir, Map<String, io.statectl.kernel.inputs.LockedInput> inputs) {
    write(configDir, read(configDir), inputs);
  }

  /** The pinned inputs, by name; empty when there is no lock file or it pins none. */
  public static Map<String, io.statectl.kernel.inputs.LockedInput> readInputs(Path configDir) {
    return InputLocks.read(configDir);
  }

  private static void write(Path configDir, Map<String, LockedPlugin> plugins,
      Map<String, io.statectl.kernel.inputs.LockedInput> inputs) {
    StringBuilder b = new StringBuilder("# statectl.lock: the plugins and inputs this configuration needs, pinned.\n"
        + "# Written by `statectl lock` and `statectl plugin install|upgrade|remove --config`; commit it with the "
        + "configuration.\n");
    for (LockedPlugin p : new TreeMap<>(plugins).values()) {
      b.append("\n[plugins.").append(quote(p.id())).append("]\n")
          .append("version = ").append(quote(p.version())).append('\n')
          .append("sha256 = ").append(quote(p.sha256())).append('\n')
          .append("source = ").append(quote(p.source())).append('\n');
    }
    b.append(InputLocks.render(inputs));
    Path file = of(configDir);
    try {
      DurableFiles.replace(file, b.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
