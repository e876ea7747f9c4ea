package io.statectl.shell.engine.plugins;

import io.statectl.kernel.plugins.LockFile;
import io.statectl.kernel.plugins.LockedPlugin;
import io.statectl.kernel.plugins.PluginArchive;
import io.statectl.kernel.plugins.PluginRejectedException;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.projections.plugins.PluginRecord;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.session.StateSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which installed plugins a command loads: for a configuration, exactly those its lock file pins
 * (each installed with the pinned hash, else the command stops before evaluating, with the
 * command that fixes it); without one, every installed plugin.
 */
public final class InstalledPlugins {
  private InstalledPlugins() {}

  static List<PluginRecord> installed(StateDirectory state, PhaseTimer timer) {
    if (!state.exists()) {
      return List.of();
    }
    try (StateSession s = new StateSession(state, timer)) {
      return s.projections().plugins();
    }
  }

  /**
   * The installed plugin jars, read from {@code <state>/plugins/*.jar} rather than the read
   * models: evaluation must not open (and so touch) the state directory's LMDB environments.
   */
  static List<PluginArchive> installedJars(StateDirectory state) {
    Path dir = state.plugins();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().map(PluginArchive::inspect).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Jars to load for {@code config} (or all installed when empty). */
  public static List<Path> jarsFor(StateDirectory state, Optional<Path> config, PhaseTimer timer, Output out) {
    List<PluginArchive> installed = installedJars(state);
    List<Path> jars = new ArrayList<>();
    if (config.isEmpty()) {
      installed.forEach(p -> jars.add(p.file()));
      return jars;
    }
    Map<String, LockedPlugin> pinned = LockFile.read(config.get());
    for (LockedPlugin lock : pinned.values()) {
      Optional<PluginArchive> have = installed.stream().filter(p -> p.descriptor().id().equals(lock.id())).findFirst();
      if (have.isEmpty()) {
        throw missing(lock, "is not installed");
      }
      if (!have.get().sha256().equals(lock.sha256())) {
        throw missing(lock, "is installed as " + have.get().descriptor().version() + " with sha256 " + have.get().sha256()
            + ", but " + LockFile.NAME + " pins " + lock.version() + " with sha256 " + lock.sha256());
      }
      jars.add(have.get().file());
    }
    for (PluginArchive p : installed) {
      if (!pinned.containsKey(p.descriptor().id())) {
        out.message("note: plugin " + p.descriptor().id() + "@" + p.descriptor().version()
            + " is installed but not pinned in " + LockFile.of(config.get()) + "; not loaded for this configuration");
      }
    }
    return jars;
  }

  /** Lock-file plugins that are missing and can be installed from their recorded local source. */
  public static List<LockedPlugin> installable(StateDirectory state, Path config, PhaseTimer timer) {
    List<PluginArchive> installed = installedJars(state);
    List<LockedPlugin> out = new ArrayList<>();
    for (LockedPlugin lock : LockFile.read(config).values()) {
      boolean have = installed.stream().anyMatch(p -> p.descriptor().id().equals(lock.id()) && p.sha256().equals(lock.sha256()));
      boolean reachable = PluginSources.isUrl(lock.source()) || Files.isRegularFile(Path.of(lock.source()));
      if (!have && reachable && !lock.source().isEmpty()) {
        out.add(lock);
      }
    }
    return out;
  }

  private static PluginRejectedException missing(LockedPlugin lock, String what) {
    return new PluginRejectedException(PluginRejectedException.Reason.NOT_PINNED, lock.source(),
        "plugin " + lock.id() + "@" + lock.version() + " pinned by " + LockFile.NAME + " " + what
            + "; nothing was evaluated",
        "run: statectl plugin install " + (lock.source().isEmpty() ? "<path-or-url>" : lock.source())
            + " --sha256 " + lock.sha256());
  }
}
