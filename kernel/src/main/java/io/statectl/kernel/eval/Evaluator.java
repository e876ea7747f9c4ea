package io.statectl.kernel.eval;

import io.statectl.api.Platform;
import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ConfigSources;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.SourceResolution;
import io.statectl.kernel.config.ConfigFileSystem;
import io.statectl.kernel.config.ConfigLoader;
import io.statectl.kernel.config.LoadedConfiguration;
import io.statectl.kernel.config.ObservingConfigFileSystem;
import io.statectl.kernel.config.RecordingConfigFileSystem;
import io.statectl.kernel.config.RepositoryPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Evaluates one host: load its files, collect definitions (conditions and priorities applied),
 * merge and type-check them against every module's declarations, resolve references, then hand
 * each namespace to its module and check the contributions against each other. Reaches the
 * repository only through the {@link ConfigFileSystem} port and changes nothing anywhere.
 */
public final class Evaluator {
  /** Problems are reported in reading order: by file, then position. */
  private static final Comparator<ConfigProblem> PROBLEM_ORDER = Comparator
      .comparing((ConfigProblem p) -> p.location().file())
      .thenComparingInt(p -> p.location().line())
      .thenComparingInt(p -> p.location().column());
  private final List<LoadedModule> modules;
  private final OptionSchema schema;

  public Evaluator(ModuleRegistry registry) {
    List<LoadedModule> all = new ArrayList<>();
    all.add(new LoadedModule(new io.statectl.kernel.modules.SystemModule(),
        io.statectl.kernel.modules.SystemModule.PROVENANCE, io.statectl.api.PluginApi.VERSION));
    all.add(new LoadedModule(new io.statectl.kernel.secrets.SecretsModule(),
        io.statectl.kernel.secrets.SecretsModule.PROVENANCE, io.statectl.api.PluginApi.VERSION));
    all.add(new LoadedModule(new io.statectl.kernel.modules.StoreModule(),
        io.statectl.kernel.modules.StoreModule.PROVENANCE, io.statectl.api.PluginApi.VERSION));
    all.add(new LoadedModule(new io.statectl.kernel.packages.PackagesModule(),
        io.statectl.kernel.packages.PackagesModule.PROVENANCE, io.statectl.api.PluginApi.VERSION));
    all.addAll(registry.modules());
    this.modules = List.copyOf(all);
    this.schema = OptionSchema.of(modules);
  }

  public OptionSchema schema() {
    return schema;
  }

  /** Evaluates for the platform the configuration declares, else the running machine's. */
  public Evaluation evaluate(ConfigFileSystem repository, String host) {
    return evaluate(repository, host, Optional.empty());
  }

  /**
   * Evaluates as {@link #evaluate(ConfigFileSystem, String, Optional)}, and remembers a clean
   * result in {@code memo} with every answer the repository gave (the caller looks it up first).
   */
  public Evaluation evaluate(ConfigFileSystem repository, String host, Optional<Platform> platformOverride,
      EvaluationMemo memo) {
    if (memo == EvaluationMemo.NONE) {
      return evaluate(repository, host, platformOverride);
    }
    ObservingConfigFileSystem observed = new ObservingConfigFileSystem(repository);
    Evaluation e = evaluate(observed, host, platformOverride);
    if (e instanceof Evaluation.Success s) {
      memo.remember(EvaluationMemo.Key.of(repository, host, platformOverride), s, observed);
    }
    return e;
  }

  public Evaluation evaluate(ConfigFileSystem repository, String host, Optional<Platform> platformOverride) {
    RecordingConfigFileSystem files = new RecordingConfigFileSystem(repository);
    if (!files.inputs().isEmpty()) {
      files.read(RepositoryPaths.INPUTS_MANIFEST); // into the snapshot: which store path each input was
    }
    ConfigLoader loader = new ConfigLoader(files);
    String entry = loader.entryFor(host)
        .orElseThrow(() -> new HostUnknownException(host, repository.describe(), repository.hosts()));
    LoadedConfiguration loaded = loader.load(entry);
    List<ConfigProblem> problems = new ArrayList<>(loaded.problems());

    Platform platform = platformOverride.orElseGet(() -> declaredPlatform(loaded).orElse(Platform.current()));
    DefinitionCollector collector = new DefinitionCollector(problems);
    List<Definition> defs = new ArrayList<>();
    defs.add(hostFacts(host, platform, platformOverride.isPresent()));
    defs.addAll(collector.collect(loaded.documents(), new Conditions(platform, host)));
    platformOverride.ifPresent(p -> defs.add(new Definition(new ConfigTable(Map.of("system", new ConfigTable(
        Map.of("platform", new ConfigString(p.id(), SourceLocation.ofFile("(--platform)"))),
        SourceLocation.ofFile("(--platform)"))), SourceLocation.ofFile("(--platform)")), Priority.FORCE)));

    TypedMerger merger = new TypedMerger(files, problems, TypedMerger.Mode.MERGE, schema.declaredBy());
    merger.requiredAt(entry);
    ConfigTable merged = (ConfigTable) merger.type("", schema.root(), defs).orElseThrow();
    new TypedMerger(files, problems, TypedMerger.Mode.CHECK_ONLY, schema.declaredBy())
        .type("", schema.root(), collector.shadow());
    checkPlatformNotConditional(loaded, merger.traces(), problems);
    if (!problems.isEmpty()) {
      return failure(problems);
    }
    List<String> known = schema.flatten().stream().map(DeclaredOption::path).filter(p -> !p.contains("<")).toList();
    ConfigTable config = new ReferenceResolver(merged, problems, known).resolveAll();
    if (!problems.isEmpty()) {
      return failure(problems);
    }

    List<ActivationEntry> entries = new ArrayList<>();
    Map<ActivationEntry, String> contributedBy = new java.util.IdentityHashMap<>();
    TreeSet<String> plugins = new TreeSet<>();
    ConfigSources sources = new RepositorySources(files);
    for (LoadedModule m : modules) {
      Optional<ConfigValue> value = valueAt(config, m.module().namespace());
      ModuleContribution c = contribute(m, value, host, platform, sources, config, problems);
      entries.addAll(c.entries());
      c.entries().forEach(e -> contributedBy.put(e, m.module().namespace() + " (" + m.provenance() + ")"));
      problems.addAll(c.problems());
      if (definedByUser(merger.traces(), m.module().namespace())
          && !m.pluginId().equals(io.statectl.kernel.modules.SystemModule.PROVENANCE)) {
        plugins.add(m.provenance());
      }
    }
    EntryCollisions.check(entries, contributedBy, problems);
    EntryCollisions.checkProfilePackages(entries, io.statectl.kernel.packages.PackageSet.of(config), problems);
    if (!problems.isEmpty()) {
      return failure(problems);
    }
    return new Evaluation.Success(host, platform, config, merger.traces(), entries, List.copyOf(plugins),
        files.snapshot());
  }

  /** Whether the configuration itself (not only defaults) sets something under {@code namespace}. */
  private static boolean definedByUser(Map<String, OptionTrace> traces, String namespace) {
    for (OptionTrace t : traces.values()) {
      if ((t.path().equals(namespace) || t.path().startsWith(namespace + ".") || t.path().startsWith(namespace + "["))
          && t.definitions().stream().anyMatch(d -> d.priority() != Priority.OPTION_DEFAULT)) {
        return true;
      }
    }
    return false;
  }

  private static Evaluation failure(List<ConfigProblem> problems) {
    List<ConfigProblem> sorted = new ArrayList<>(problems);
    sorted.sort(PROBLEM_ORDER);
    return new Evaluation.Failure(sorted);
  }

  /** The host's name and platform, as the weakest definitions of system.hostname/platform. */
  private static Definition hostFacts(String host, Platform platform, boolean forced) {
    SourceLocation at = SourceLocation.ofFile("(host " + host + ")");
    Map<String, ConfigValue> system = new LinkedHashMap<>();
    system.put("hostname", new ConfigString(host, at));
    system.put("platform", new ConfigString(platform.id(), at));
    if (forced) {
      // --platform evaluates "as if on" that platform: it overrides what the host file says.
      Map<String, ConfigValue> hostname = Map.of("hostname", system.get("hostname"));
      return new Definition(new ConfigTable(Map.of("system", new ConfigTable(hostname, at)), at), Priority.OPTION_DEFAULT);
    }
    return new Definition(new ConfigTable(Map.of("system", new ConfigTable(system, at)), at), Priority.OPTION_DEFAULT);
  }

  /** system.platform as written outside any condition (conditions cannot choose the platform). */
  private static Optional<Platform> declaredPlatform(LoadedConfiguration loaded) {
    Optional<Platform> best = Optional.empty();
    Priority bestPriority = Priority.OPTION_DEFAULT;
    for (Definition d : DefinitionCollector.unconditional(loaded.documents())) {
      Optional<ConfigValue> v = valueAt((ConfigTable) d.value(), "system.platform");
      if (v.isPresent() && v.get() instanceof ConfigString s && Platform.parse(s.value()).isPresent()
          && (best.isEmpty() || d.priority().strongerThan(bestPriority))) {
        best = Platform.parse(s.value());
        bestPriority = d.priority();
      }
    }
    return best;
  }

  /** Conditions are chosen by the platform, so a condition may not choose the platform. */
  private static void checkPlatformNotConditional(LoadedConfiguration loaded, Map<String, OptionTrace> traces,
      List<ConfigProblem> problems) {
    OptionTrace t = traces.get("system.platform");
    if (t == null) {
      return;
    }
    java.util.Set<SourceLocation> unconditional = new java.util.HashSet<>();
    for (Definition d : DefinitionCollector.unconditional(loaded.documents())) {
      valueAt((ConfigTable) d.value(), "system.platform").ifPresent(v -> unconditional.add(v.location()));
    }
    for (Definition d : t.definitions()) {
      SourceLocation at = d.value().location();
      if (!at.file().startsWith("(") && !unconditional.contains(at)) {
        problems.add(new ConfigProblem(at, "system.platform is set inside a [when] section, but conditions are "
            + "chosen by the platform", "set system.platform outside [when] sections"));
      }
    }
  }

  static Optional<ConfigValue> valueAt(ConfigTable root, String path) {
    return OptionPaths.parse(path).flatMap(keys -> EvaluatedValues.at(root, keys));
  }


  private static ModuleContribution contribute(LoadedModule m, Optional<ConfigValue> value, String host,
      Platform platform, ConfigSources sources, ConfigTable config, List<ConfigProblem> problems) {
    try {
      return m.module().contribute(new Context(value, host, platform, sources, config));
    } catch (RuntimeException | LinkageError e) {
      // A broken plugin must not hide the other modules' problems: report it as one more problem.
      problems.add(new ConfigProblem(value.map(ConfigValue::location).orElse(SourceLocation.ofFile("<plugins>")),
          "plugin " + m.provenance() + " failed while evaluating '" + m.module().namespace() + "': " + e,
          "report this to the plugin's author; `statectl plugin list` shows where it came from"));
      return ModuleContribution.empty();
    }
  }

  private record Context(Optional<ConfigValue> config, String host, Platform platform, ConfigSources sources,
      ConfigTable all) implements ModuleContext {
    @Override
    public Optional<ConfigValue> option(String path) {
      return valueAt(all, path);
    }
  }

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
