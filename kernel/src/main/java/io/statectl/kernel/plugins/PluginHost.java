package io.statectl.kernel.plugins;

import io.statectl.api.PluginApi;
import io.statectl.api.module.StatectlModule;
import io.statectl.kernel.eval.LoadedModule;
import io.statectl.kernel.eval.ModuleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads plugins through PF4J, each in its own class loader that sees only plugin-api and the
 * plugin's own jar, and offers their modules. The kernel never names a concrete plugin: whatever
 * the built-in folder and the pinned installed plugins hold is what evaluation sees.
 *
 * <p>A plugin may declare options only inside its {@code Plugin-Namespace}; a plugin that fails
 * to load, or breaks that rule, is named with id and version, and every such failure is reported
 * at once.
 */
public final class PluginHost implements ModuleRegistry, AutoCloseable {
  private final PluginManager manager;
  private final List<LoadedModule> modules;
  private final Map<String, PluginDescriptorInfo> descriptors;

  private PluginHost(PluginManager manager, List<LoadedModule> modules, Map<String, PluginDescriptorInfo> descriptors) {
    this.manager = manager;
    this.modules = List.copyOf(modules);
    this.descriptors = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(descriptors));
  }

  /** Loads the built-in plugins of {@code pluginDir}. */
  public static PluginHost load(Path pluginDir) {
    return load(pluginDir, List.of());
  }

  /**
   * Loads every plugin jar in {@code pluginDir} and the extra (installed) jars.
   *
   * @throws PluginLoadException naming every plugin that failed, with id and version
   */
  public static PluginHost load(Path pluginDir, List<Path> installed) {
    if (!Files.isDirectory(pluginDir)) {
      throw new PluginLoadException("plugin folder " + pluginDir + " does not exist",
          "reinstall statectl, or point -Dstatectl.plugins at the folder holding dotfiles.jar", List.of());
    }
    JarPluginManager manager = new JarPluginManager(pluginDir);
    manager.setSystemVersion(PluginApi.VERSION);
    Map<String, PluginDescriptorInfo> descriptors = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    try (var s = Files.list(pluginDir)) {
      for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        PluginDescriptorInfo d = PluginArchive.inspect(jar).descriptor();
        descriptors.put(d.id(), d);
      }
    } catch (java.io.IOException e) {
      throw new PluginLoadException("cannot list " + pluginDir + ": " + e.getMessage(), "check its permissions", List.of());
    }
    manager.loadPlugins();
    for (Path jar : installed) {
      try {
        PluginDescriptorInfo d = PluginArchive.inspect(jar).descriptor();
        descriptors.put(d.id(), d);
        manager.loadPlugin(jar);
      } catch (RuntimeException e) {
        failures.add(jar.getFileName() + ": " + e.getMessage());
      }
    }
    manager.startPlugins();
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
      PluginDescriptorInfo d = descriptors.get(p.getPluginId());
      List<StatectlModule> extensions;
      try {
        extensions = manager.getExtensions(StatectlModule.class, p.getPluginId());
      } catch (RuntimeException | LinkageError e) {
        failures.add(id + " failed to load its modules: " + e);
        continue;
      }
      for (StatectlModule m : extensions) {
        String ns;
        try {
          ns = m.namespace();
          m.options();
        } catch (RuntimeException | LinkageError e) {
          failures.add(id + ": module " + m.getClass().getName() + " failed to declare its options: " + e);
          continue;
        }
        if (d != null && !d.owns(ns)) {
          failures.add(id + " declares options under '" + ns + "', outside its namespace '" + d.namespace()
              + "' (Plugin-Namespace)");
          continue;
        }
        modules.add(new LoadedModule(m, p.getPluginId(), p.getDescriptor().getVersion()));
      }
    }
    Map<String, LoadedModule> byNamespace = new LinkedHashMap<>();
    for (LoadedModule m : modules) {
      LoadedModule other = byNamespace.putIfAbsent(m.module().namespace(), m);
      if (other != null) {
        failures.add(m.provenance() + " and " + other.provenance() + " both declare options under '"
            + m.module().namespace() + "'");
      }
    }
    if (!failures.isEmpty()) {
      stopAll(manager);
      throw new PluginLoadException("cannot load plugins: " + String.join("; ", failures),
          "remove or upgrade the named plugins (`statectl plugin list` shows them)", failures);
    }
    modules.sort(Comparator.comparing((LoadedModule m) -> m.module().namespace()));
    return new PluginHost(manager, modules, descriptors);
  }

  @Override
  public List<LoadedModule> modules() {
    return modules;
  }

  /** Descriptors of the loaded plugins, sorted by id. */
  public Map<String, PluginDescriptorInfo> descriptors() {
    return descriptors;
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
