package io.statectl.shell.engine.build;

import io.statectl.api.Platform;
import io.statectl.api.SourceLocation;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.Suggestions;
import io.statectl.kernel.derivation.Instantiator;
import io.statectl.kernel.eval.ConfigInvalidException;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.packages.PackageDerivations;
import io.statectl.kernel.packages.PackageSet;
import io.statectl.kernel.packages.PackageSpec;
import io.statectl.kernel.realise.BuildLogs;
import io.statectl.kernel.realise.DagScheduler;
import io.statectl.kernel.realise.Fetcher;
import io.statectl.kernel.realise.PathLocks;
import io.statectl.kernel.realise.RealiseResult;
import io.statectl.kernel.realise.Realiser;
import io.statectl.kernel.sandbox.BootstrapTools;
import io.statectl.kernel.sandbox.BubblewrapSandbox;
import io.statectl.kernel.sandbox.CleanEnvironmentSandbox;
import io.statectl.kernel.sandbox.Sandbox;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instantiates and realises the packages of an evaluated configuration: the part of {@code build}
 * that {@code apply} shares. Instantiation (adding sources and {@code .drv}s) must run under the
 * writer lock; realisation need not, as every output is built under its own lock.
 */
public final class PackageBuilds {
  private final StateSession session;
  private final Output out;
  private final PhaseTimer timer;
  private Instantiator instantiator;
  private Sandbox sandbox;
  /** {@code store.sandbox} of the configuration instantiated (true until one is). */
  private boolean configuredSandbox = true;
  private io.statectl.kernel.modules.StoreModule.Settings storeSettings;
  private io.statectl.shell.engine.cache.SubstituterFlags flags = io.statectl.shell.engine.cache.SubstituterFlags.NONE;

  public PackageBuilds(StateSession session, Output out, PhaseTimer timer) {
    this.session = session;
    this.out = out;
    this.timer = timer;
  }

  /** Uses {@code flags} (the command's {@code --substituters}/{@code --option}) over the configured {@code store.*}. */
  public PackageBuilds substitutes(io.statectl.shell.engine.cache.SubstituterFlags flags) {
    this.flags = flags;
    return this;
  }

  /**
   * Stores the derivations of {@code names} (every package the configuration declares for its
   * platform when empty) and returns them by package name.
   *
   * @throws ConfigInvalidException if a name is not a package or does not build on the platform
   */
  Map<String, StorePath> instantiate(Evaluation.Success success, Path config, List<String> names) {
    storeSettings = io.statectl.kernel.modules.StoreModule.Settings.of(success.config());
    configuredSandbox = io.statectl.kernel.modules.StoreModule.Settings.sandbox(success.config());
    PackageSet packages = PackageSet.of(success.config());
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> wanted = new ArrayList<>(names);
    for (String n : PackageSet.systemPackages(success.config())) {
      if (packages.get(n).isEmpty()) {
        problems.add(new ConfigProblem(SourceLocation.ofFile("system.packages"), "system.packages: no package '" + n
            + "'", Suggestions.closest(n, packages.all().keySet()).map(s -> "did you mean '" + s + "'?")
            .orElse("declare [packages." + n + "]")));
      }
    }
    for (String n : names) {
      if (packages.get(n).isEmpty()) {
        throw new UsageException("no package '" + n + "' in the configuration of host " + success.host(),
            Suggestions.closest(n, packages.all().keySet()).map(s -> "did you mean '" + s + "'?")
                .orElse("declared packages: " + String.join(", ", packages.all().keySet())));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigInvalidException(problems);
    }
    if (packages.all().isEmpty()) {
      return Map.of();
    }
    Platform platform = success.platform();
    StorePath bootstrap = timer.time("bootstrap tools",
        () -> BootstrapTools.ensure(session.store(), session.directory().bootstrapCache()));
    instantiator = new Instantiator(session.store());
    PackageDerivations drvs = new PackageDerivations(session.store(), instantiator, config, bootstrap, platform,
        packages);
    for (String n : names) {
      PackageSpec p = packages.get(n).orElseThrow();
      if (!drvs.supported(p)) {
        throw new UsageException("package '" + n + "' does not build on " + platform.id() + " (platforms = "
            + p.platforms() + ")", "build it on one of those platforms, or add " + platform.id() + " to its platforms");
      }
    }
    // Local sources and patches are read outside evaluation: such package sets are not memoised.
    boolean memoisable = packages.all().values().stream()
        .allMatch(p -> p.patches().isEmpty() && !(p.src().orElse(null) instanceof PackageSpec.Local));
    InstantiationMemo memo = memoisable ? session.instantiations() : InstantiationMemo.NONE;
    Optional<InstantiationMemo.Result> known = timer.time("instantiation memo", () -> memo
        .lookup(success, config, wanted, bootstrap).filter(k -> session.store().allValid(k.derivations().keySet())));
    if (known.isPresent()) {
      instantiator.remember(known.get().derivations());
      rootDag(known.get().drvs().values(), bootstrap);
      return known.get().drvs();
    }
    Map<String, StorePath> result = new LinkedHashMap<>();
    result.putAll(timer.time("instantiate", () -> instantiator.inOneCommit(() -> drvs.derivations(wanted))));
    memo.remember(success, config, wanted, bootstrap, new InstantiationMemo.Result(result, instantiator.known()));
    rootDag(result.values(), bootstrap);
    return result;
  }

  /**
   * Temp-roots every derivation of the DAG under {@code drvs} and every output it will build or
   * use, while the caller still holds the writer lock: a {@code gc} that starts later (it takes
   * that lock) then keeps all of it until this command ends. Outputs not built yet are rooted by
   * name, so a partial output of this build is never taken for garbage either.
   */
  private void rootDag(java.util.Collection<StorePath> drvs, StorePath bootstrap) {
    java.util.Set<StorePath> roots = new java.util.LinkedHashSet<>();
    roots.add(bootstrap);
    java.util.Deque<StorePath> pending = new java.util.ArrayDeque<>(drvs);
    while (!pending.isEmpty()) {
      StorePath drv = pending.pop();
      if (roots.add(drv)) {
        io.statectl.kernel.derivation.Derivation d = instantiator.get(drv);
        d.outputs().values().forEach(o -> roots.add(o.path()));
        pending.addAll(d.inputDerivations().keySet());
      }
    }
    timer.time("temp roots", () -> {
      session.tempRoots().add(roots);
      return null;
    });
  }

  /**
   * Builds every package the configuration declares for its platform, as {@code apply} does
   * before it builds the generation; the caller holds the writer lock.
   *
   * @throws io.statectl.kernel.realise.BuildFailedException if a build fails
   */
  public Map<String, StorePath> buildAll(Evaluation.Success success, Path config) {
    Map<String, StorePath> drvs = instantiate(success, config, List.of());
    RealiseResult result;
    try {
      result = realise(drvs.values(), Runtime.getRuntime().availableProcessors(), DagScheduler.FailurePolicy.STOP,
          Request.Format.TEXT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (!result.failures().isEmpty()) {
      throw new io.statectl.kernel.realise.BuildFailedException(result.failures());
    }
    Map<String, StorePath> outputs = new LinkedHashMap<>();
    drvs.forEach((name, drv) -> outputs.put(name, instantiator.get(drv).out()));
    return outputs;
  }

  /** Realises {@code drvs}, showing progress and recording build events. */
  RealiseResult realise(Iterable<StorePath> drvs, int jobs, DagScheduler.FailurePolicy policy,
      Request.Format format) throws InterruptedException {
    List<StorePath> roots = new ArrayList<>();
    drvs.forEach(roots::add);
    if (roots.isEmpty()) {
      return new RealiseResult(Map.of(), 0, 0, List.of());
    }
    BuildProgress progress = new BuildProgress(out, format, session.log(), session.store(), flags.quiet());
    progress.unsandboxed(sandbox().isolation() != Sandbox.Isolation.ISOLATED);
    io.statectl.shell.engine.cache.SubstituterFlags.Effective effective = flags.over(storeSettings);
    return timer.time("realise", () -> {
      try {
        return realiser(progress, io.statectl.shell.engine.cache.Substituters.port(session.store(), effective.settings(),
            effective.connections(), progress))
            .realise(roots, jobs, policy);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
  }

  public Realiser realiser(io.statectl.kernel.realise.BuildListener listener) {
    return realiser(listener, io.statectl.kernel.realise.SubstitutionPort.NONE);
  }

  public Realiser realiser(io.statectl.kernel.realise.BuildListener listener, io.statectl.kernel.realise.SubstitutionPort substitutes) {
    return new Realiser(session.store(), instantiator(), sandbox(), new Fetcher(),
        new BuildLogs(session.directory().logs()), new PathLocks(session.directory().locks()),
        session.directory().builds(), listener, substitutes);
  }

  public Instantiator instantiator() {
    if (instantiator == null) {
      instantiator = new Instantiator(session.store());
    }
    return instantiator;
  }

  /**
   * The sandbox of this command: none when it asked ({@code --no-sandbox}) or its configuration
   * says {@code store.sandbox = false}, decided per command (a server's environment plays no part).
   */
  private Sandbox sandbox() {
    if (sandbox == null && (flags.noSandbox() || !configuredSandbox)) {
      out.message("WARNING: building WITHOUT the sandbox (" + (flags.noSandbox() ? "--no-sandbox" : "store.sandbox = false")
          + "): builders run with a cleared environment but can read your files and reach the network; "
          + "their outputs are recorded as unsandboxed.");
      sandbox = new CleanEnvironmentSandbox();
    }
    if (sandbox == null) {
      sandbox = BubblewrapSandbox.detect().<Sandbox>map(s -> s).orElseGet(() -> {
        out.message("WARNING: bubblewrap (bwrap) was not found: builds run with a cleared environment but NOT "
            + "isolated; they can read your files and reach the network. Install bubblewrap for sandboxed builds.");
        return new CleanEnvironmentSandbox();
      });
    }
    return sandbox;
  }
}
