package io.statectl.kernel.plugins;

import io.statectl.api.PluginApi;
import io.statectl.api.module.StatectlModule;
import io.statectl.kernel.eval.LoadedModule;
import io.statectl.kernel.eval.ModuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads plugins through PF4J, each in its own class loader, and offers their modules. The kernel
 * never names a concrete plugin: whatever the plugin folder holds is what evaluation sees.
 */
public final class PluginHost implements ModuleRegistry, AutoCloseable {
  private final PluginManager manager;
  private final List<LoadedModule> modules;

  private PluginHost(PluginManager manager, List<LoadedModule> modules) {
    this.manager = manager;
    this.modules = List.copyOf(modules);
  }

  /**
   * Loads and starts every plugin jar in {@code pluginDir}.
   *
   * @throws PluginLoadException naming every plugin that failed, with id and version
   */
  public static PluginHost load(Path pluginDir) {
    if (!Files.isDirectory(pluginDir)) {
      throw new PluginLoadException("plugin folder " + pluginDir + " does not exist",
          "reinstall statectl, or point -Dstatectl.plugins at the folder holding dotfiles.jar", List.of());
    }
    JarPluginManager manager = new JarPluginManager(pluginDir);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    List<String> failures = new ArrayList<>();
    List<LoadedModule> modules = new ArrayList<>();
    for (PluginWrapper p : manager.getPlugins()) {
      String id = p.getPluginId() + "@" + p.getDescriptor().getVersion();
      if (p.getPluginState() != PluginState.STARTED) {
        Throwable cause = p.getFailedException();
        failures.add(id + " is " + p.getPluginState().toString().toLowerCase(java.util.Locale.ROOT)
            + (cause == null ? "" : ": " + cause)
            + (p.getPluginState() == PluginState.DISABLED || p.getPluginState() == PluginState.RESOLVED
                ? " (its Plugin-Requires '" + p.getDescriptor().getRequires() + "' may exclude plugin-api " + PluginApi.VERSION + ")"
                : ""));
        continue;
      }
      for (StatectlModule m : manager.getExtensions(StatectlModule.class, p.getPluginId())) {
        modules.add(new LoadedModule(m, p.getPluginId(), p.getDescriptor().getVersion()));
      }
    }
    if (!failures.isEmpty()) {
      stopAll(manager);
      throw new PluginLoadException("cannot load plugins: " + String.join("; ", failures),
          "remove or upgrade the named plugin jars in " + pluginDir, failures);
    }
    modules.sort(Comparator.comparing((LoadedModule m) -> m.module().namespace()));
    return new PluginHost(manager, modules);
  }

  @Override
  public List<LoadedModule> modules() {
    return modules;
  }

  @Override
  public void close() {
    stopAll(manager);
  }

  private static void stopAll(PluginManager manager) {
    // stopPlugins() throws ConcurrentModificationException once a plugin started (pf4j#656): stop one by one.
    for (PluginWrapper p : new ArrayList<>(manager.getStartedPlugins())) {
      manager.stopPlugin(p.getPluginId());
    }
  }
}
