package io.statectl.kernel.eval;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ConfigSources;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.SourceResolution;
import io.statectl.api.module.Suggestions;
import io.statectl.kernel.config.ConfigDocument;
import io.statectl.kernel.config.ConfigFileSystem;
import io.statectl.kernel.config.ConfigLoader;
import io.statectl.kernel.config.LoadedConfiguration;
import io.statectl.kernel.config.RecordingConfigFileSystem;
import io.statectl.kernel.config.RepositoryPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Evaluates one host: load its files, merge every namespace across them, hand each namespace to
 * its module, and check the contributions against each other. Reaches the repository only
 * through the {@link ConfigFileSystem} port and changes nothing anywhere.
 */
public final class Evaluator {
  /** Problems are reported in reading order: by file, then position. */
  private static final java.util.Comparator<ConfigProblem> PROBLEM_ORDER = java.util.Comparator
      .comparing((ConfigProblem p) -> p.location().file())
      .thenComparingInt(p -> p.location().line())
      .thenComparingInt(p -> p.location().column());
  private final ModuleRegistry modules;
  private final ConfigMerger merger = new ConfigMerger();

  public Evaluator(ModuleRegistry modules) {
    this.modules = modules;
  }

  public Evaluation evaluate(ConfigFileSystem repository, String host) {
    RecordingConfigFileSystem files = new RecordingConfigFileSystem(repository);
    ConfigLoader loader = new ConfigLoader(files);
    String entry = loader.entryFor(host)
        .orElseThrow(() -> new HostUnknownException(host, repository.describe(), repository.hosts()));
    LoadedConfiguration loaded = loader.load(entry);
    List<ConfigProblem> problems = new ArrayList<>(loaded.problems());

    Map<String, LoadedModule> byNamespace = new LinkedHashMap<>();
    for (LoadedModule m : modules.modules()) {
      byNamespace.put(m.module().namespace(), m);
    }
    Map<String, ConfigValue> merged = mergeNamespaces(loaded, byNamespace, problems);

    List<ActivationEntry> entries = new ArrayList<>();
    TreeSet<String> plugins = new TreeSet<>();
    ConfigSources sources = new RepositorySources(files);
    for (LoadedModule m : byNamespace.values()) {
      Optional<ConfigValue> value = Optional.ofNullable(merged.get(m.module().namespace()));
      ModuleContribution c = contribute(m, value, host, sources, problems);
      entries.addAll(c.entries());
      problems.addAll(c.problems());
      if (value.isPresent()) {
        plugins.add(m.provenance());
      }
    }
    checkCollisions(entries, problems);
    if (!problems.isEmpty()) {
      problems.sort(PROBLEM_ORDER);
      return new Evaluation.Failure(problems);
    }
    return new Evaluation.Success(host, entries, List.copyOf(plugins), files.snapshot());
  }

  private Map<String, ConfigValue> mergeNamespaces(
      LoadedConfiguration loaded, Map<String, LoadedModule> byNamespace, List<ConfigProblem> problems) {
    Map<String, ConfigValue> merged = new HashMap<>();
    List<String> known = new ArrayList<>(byNamespace.keySet());
    known.add(ConfigLoader.IMPORTS);
    for (ConfigDocument doc : loaded.documents()) {
      for (Map.Entry<String, ConfigValue> e : doc.root().entries().entrySet()) {
        String key = e.getKey();
        if (key.equals(ConfigLoader.IMPORTS)) {
          continue;
        }
        if (!byNamespace.containsKey(key)) {
          problems.add(new ConfigProblem(e.getValue().location(), "unknown option '" + key + "'",
              Suggestions.closest(key, known).map(s -> "did you mean '" + s + "'?")
                  .orElse("known top-level options: " + String.join(", ", known))));
          continue;
        }
        ConfigValue prior = merged.get(key);
        merged.put(key, prior == null ? e.getValue() : merger.merge(key, prior, e.getValue(), problems));
      }
    }
    return merged;
  }

  private static ModuleContribution contribute(LoadedModule m, Optional<ConfigValue> value, String host,
      ConfigSources sources, List<ConfigProblem> problems) {
    try {
      return m.module().contribute(new Context(value, host, sources));
    } catch (RuntimeException | LinkageError e) {
      // A broken plugin must not hide the other modules' problems: report it as one more problem.
      problems.add(new ConfigProblem(value.map(ConfigValue::location).orElse(SourceLocation.ofFile("<plugins>")),
          "plugin " + m.provenance() + " failed while evaluating '" + m.module().namespace() + "': " + e,
          "report this to the plugin's author; `statectl plugin list` shows where it came from"));
      return ModuleContribution.empty();
    }
  }

  private static void checkCollisions(List<ActivationEntry> entries, List<ConfigProblem> problems) {
    Map<String, HomeFile> targets = new HashMap<>();
    for (ActivationEntry e : entries) {
      if (e instanceof HomeFile f) {
        HomeFile prior = targets.putIfAbsent(f.target(), f);
        if (prior != null) {
          problems.add(new ConfigProblem(f.definedAt(), "two definitions write ~/" + f.target()
              + ": here and at " + prior.definedAt(), "remove one of them"));
        }
      }
    }
  }

  private record Context(Optional<ConfigValue> config, String host, ConfigSources sources) implements ModuleContext {}

  private record RepositorySources(ConfigFileSystem files) implements ConfigSources {
    @Override
    public SourceResolution resolve(SourceLocation writtenAt, String path) {
      Optional<String> p = RepositoryPaths.resolve(writtenAt.file(), path);
      if (p.isEmpty()) {
        return new SourceResolution.OutsideRepository(path);
      }
      return files.read(p.get()).isPresent()
          ? new SourceResolution.Found(p.get())
          : new SourceResolution.Missing(p.get());
    }
  }
}
