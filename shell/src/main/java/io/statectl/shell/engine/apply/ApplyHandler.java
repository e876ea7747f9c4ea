package io.statectl.shell.engine.apply;

import io.statectl.api.Platform;
import io.statectl.api.activation.UserProfile;
import io.statectl.events.ActivationReason;
import io.statectl.events.SourceRevision;
import io.statectl.kernel.activation.ActivationConflictException;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.activation.Conflict;
import io.statectl.kernel.activation.PlanStep;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.BuiltGeneration;
import io.statectl.kernel.generation.GenerationBuilder;
import io.statectl.kernel.generation.ProfilePartition;
import io.statectl.kernel.generation.UserProfileFarm;
import io.statectl.kernel.git.GitRevisions;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Cancellation;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.build.PackageBuilds;
import io.statectl.shell.engine.eval.ConfigEvaluation;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code statectl apply}: evaluate (touching nothing), plan every profile against the live home
 * and root (touching nothing), then build packages, snapshot, build, record and activate each
 * profile under the writer lock — {@code system} first, then the user's {@code home-<user>}.
 */
public final class ApplyHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  private io.statectl.shell.engine.cache.SubstituterFlags substitutes = io.statectl.shell.engine.cache.SubstituterFlags.NONE;

  public ApplyHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int apply(Request.Apply r, ModuleRegistry modules) {
    r.substitutes().check(); // a bad flag stops the command before anything is evaluated
    substitutes = r.substitutes();
    Path config = ConfigEvaluation.directory(r.config());
    Evaluation.Success success = ConfigEvaluation.success(
        ConfigEvaluation.evaluate(modules, config, r.host(), r.platform(), timer, r.state(), out));
    caller.cancellation().check("planning");
    Path home = r.home().toAbsolutePath().normalize();
    Path root = r.root().map(p -> p.toAbsolutePath().normalize()).orElse(Targets.LIVE_ROOT);
    checkRoot(success, root, r.root().isPresent());
    // Check before change: a secret this host cannot open stops the apply before anything is built.
    timer.time("secrets", () -> io.statectl.kernel.secrets.SecretsPreflight.check(success, root, home));
    io.statectl.shell.engine.boot.BootStep.preflight(success, root);

    if (!r.state().exists()) {
      // Nothing recorded yet: plan without opening (and so creating) the state directory.
      List<ProfilePlan> plans = new ArrayList<>();
      for (String profile : profiles(success, Optional.empty())) {
        ActivationManifest next = GenerationBuilder.manifest(profile, success);
        plans.add(new ProfilePlan(profile, Current.NONE, plan(r, profile, 1, Optional.empty(), next,
            targets(r, home, root, profile), success)));
      }
      if (r.mode() == Request.Mode.DRY_RUN) {
        return printPlans(plans);
      }
      refuseConflicts(plans);
    }
    if (r.mode() == Request.Mode.DRY_RUN) {
      try (StateSession session = new StateSession(r.state(), timer)) {
        return printPlans(preflight(r, session, success, home, root));
      }
    }
    try (WriterLock lock = timer.time("writer lock",
            () -> WriterLock.acquire(r.state().writerLock(), out, caller, wait, "applying"));
        StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      io.statectl.shell.engine.apply.InterruptedActivations.recover(session, out);
      List<ProfilePlan> plans = preflight(r, session, success, home, root);
      refuseConflicts(plans);
      // Read git only once a generation is recorded: a no-op apply (the warm path) walks no work tree.
      Map<Path, Optional<SourceRevision>> revision = new HashMap<>(1);
      Map<String, StorePath> outputs = timer.time("packages", () -> buildPackages(session, success, config));
      GenerationBuilder builder = new GenerationBuilder(session.store(), session.buildMemo());
      caller.cancellation().checkpoint("snapshot", out);
      StorePath snapshot = timer.time("snapshot", () -> builder.snapshot(success));
      String snapshotPath = session.store().toFile(snapshot).toString();
      caller.cancellation().checkpoint("build", out);
      List<Built> built = new ArrayList<>();
      for (ProfilePlan p : plans) {
        BuiltGeneration g = timer.time("build generation", () -> builder.build(p.profile(), success,
            u -> userProfile(session, u, outputs, success.platform()), systemSoftware(session, p.profile(), success,
                outputs)));
        built.add(new Built(p, g, session.store().toFile(g.path()).toString()));
      }
      boolean several = built.size() > 1;
      for (Built b : built) {
        Current current = b.plan().current();
        String prefix = several ? b.plan().profile() + ": " : "";
        if (current.record().isPresent() && current.record().get().storePath().equals(b.path())
            && current.active().map(a -> a.home().equals(home.toString())).orElse(false)
            && b.plan().plan().steps().stream().allMatch(s -> s instanceof PlanStep.SwitchProfile)) {
          out.result(prefix + "no changes: generation " + current.record().get().number() + " is already active ("
              + b.path() + ")");
          Path generation = session.store().toFile(b.generation().path());
          if (CurrentSystemLink.point(b.plan().profile(), targets(r, home, root, b.plan().profile()), generation,
              GenerationActivation.hasRootFiles(generation, b.generation().manifest()))) {
            out.message(prefix + "pointed " + root.resolve(CurrentSystemLink.PATH) + " at generation "
                + current.record().get().number() + " again (it was missing or pointed elsewhere)");
          }
          continue;
        }
        caller.cancellation().checkpoint("record", out);
        String profile = b.plan().profile();
        int number = timer.time("record", () -> {
          session.commands().submit(profile, success.host(), snapshotPath, config.toString());
          session.commands().recordEvaluation(profile, success.host(), snapshotPath, b.path(),
              b.generation().manifest().entries().size(), success.plugins());
          return session.commands().createGeneration(profile, success.host(), b.path(), snapshotPath,
              revision.computeIfAbsent(config, c -> timer.time("git", () -> GitRevisions.of(c))), r.message());
        });
        // The last point to stop: activation, once begun, runs to its end (see Cancellation).
        caller.cancellation().checkpoint("activate", out);
        int previous = current.active().map(ActiveGeneration::number).orElse(0);
        ActivationTargets targets = targets(r, home, root, profile);
        ActivationPlan done = timer.time("activate", () -> new GenerationActivation(session, out).activate(profile,
            number, session.store().toFile(b.generation().path()), current.manifest(), b.generation().manifest(),
            targets, r.backups(), ActivationReason.APPLY, previous, r.onUnitFailure()));
        out.result(prefix + "generation " + number + " is active (" + GenerationActivation.summary(done) + "): "
            + b.path());
      }
      return 0;
    }
  }

  /**
   * Builds what applying {@code host} would build, its packages and one generation per profile,
   * without recording or activating anything, and hands the store paths whose closures make up the
   * host to {@code then} (for {@code cache push --host}), still under the writer lock, so a
   * {@code gc} cannot take them before they are pushed.
   */
  public int buildHost(io.statectl.kernel.state.StateDirectory state, Path configDir, String host,
      Optional<Platform> platform, ModuleRegistry modules,
      java.util.function.BiFunction<StateSession, List<StorePath>, Integer> then) {
    Path config = ConfigEvaluation.directory(configDir);
    Evaluation.Success success = ConfigEvaluation.success(
        ConfigEvaluation.evaluate(modules, config, host, platform, timer));
    try (WriterLock lock = timer.time("writer lock",
            () -> WriterLock.acquire(state.writerLock(), out, caller, wait, "building for a push"));
        StateSession session = new StateSession(state, timer, StateSession.Access.WRITE)) {
      BuiltProfiles built = buildOnly(session, success, config);
      // A generation does not reference the system packages it lists: their outputs are roots too.
      List<StorePath> roots = new ArrayList<>(new LinkedHashSet<>(built.outputs().values()));
      built.generations().forEach((profile, path) -> {
        roots.add(path);
        out.message("built generation of profile " + profile + " for host " + success.host() + ": "
            + session.store().toFile(path));
      });
      return then.apply(session, roots);
    }
  }

  /**
   * The root must be given when the configuration is for another kind of machine: its root files
   * would otherwise land in this machine's {@code /}.
   */
  private static void checkRoot(Evaluation.Success success, Path root, boolean given) {
    boolean hasRootFiles = success.entries().stream().anyMatch(e -> e instanceof io.statectl.api.activation.RootFile);
    boolean foreign = success.platform().isDarwin() != Platform.current().isDarwin();
    if (hasRootFiles && foreign && !given) {
      throw new UsageException("host " + success.host() + " is " + success.platform().id() + " and places files under "
          + "the root, but this machine is " + Platform.current().id(),
          "pass --root DIR to produce them under DIR (nothing is run there), or apply on the machine itself");
    }
  }

  /** The profiles this apply changes: those with entries, and system when it has a generation to empty. */
  private static Set<String> profiles(Evaluation.Success success, Optional<ProjectionStore> p) {
    Set<String> names = new LinkedHashSet<>();
    if (p.flatMap(x -> x.active(Profiles.SYSTEM)).isPresent()) {
      names.add(Profiles.SYSTEM);
    }
    if (!io.statectl.kernel.secrets.SecretsConfig.of(success.config()).isEmpty()) {
      names.add(Profiles.SYSTEM);
    }
    names.addAll(ProfilePartition.of(success.entries()).keySet());
    if (names.isEmpty()) {
      names.add(Profiles.SYSTEM);
    }
    List<String> ordered = new ArrayList<>(names);
    ordered.sort((a, b) -> a.equals(Profiles.SYSTEM) ? -1 : b.equals(Profiles.SYSTEM) ? 1 : a.compareTo(b));
    return new LinkedHashSet<>(ordered);
  }

  private List<ProfilePlan> preflight(Request.Apply r, StateSession session, Evaluation.Success success, Path home,
      Path root) {
    List<ProfilePlan> plans = new ArrayList<>();
    for (String profile : profiles(success, Optional.of(session.projections()))) {
      Current current = timer.time("read active manifest", () -> current(session, profile));
      ActivationManifest next = timer.time("manifest", () -> GenerationBuilder.manifest(profile, success));
      plans.add(new ProfilePlan(profile, current, timer.time("plan against home", () -> plan(r, profile,
          current.nextNumber(), current.manifest(), next, targets(r, home, root, profile), success))));
    }
    return plans;
  }

  private static ActivationPlan plan(Request.Apply r, String profile, int number,
      Optional<ActivationManifest> previous, ActivationManifest next, ActivationTargets targets,
      Evaluation.Success success) {
    return new io.statectl.kernel.activation.ActivationPlanner(GenerationActivation.unitTexts(success)).plan(targets,
        r.state().profileLink(profile), number, Path.of("(to be built)"), previous, next, r.backups());
  }

  /** A home profile may take over files the system profile linked before the user profile existed. */
  private static ActivationTargets targets(Request.Apply r, Path home, Path root, String profile) {
    List<Path> others = new ArrayList<>();
    if (!profile.equals(Profiles.SYSTEM)) {
      others.add(r.state().profileLink(Profiles.SYSTEM));
    }
    return Targets.of(home, root).releasing(others);
  }

  private static void refuseConflicts(List<ProfilePlan> plans) {
    List<Conflict> all = new ArrayList<>();
    plans.forEach(p -> all.addAll(p.plan().conflicts()));
    if (!all.isEmpty()) {
      throw new ActivationConflictException(all);
    }
  }

  /** Builds the packages, unless they are for another platform (then the profile lists what it lacks). */
  private Map<String, StorePath> buildPackages(StateSession session, Evaluation.Success success, Path config) {
    if (!success.platform().equals(Platform.current())) {
      List<String> skipped = io.statectl.kernel.packages.PackageSet.of(success.config()).all().keySet().stream()
          .toList();
      if (!skipped.isEmpty()) {
        out.message("note: host " + success.host() + " is " + success.platform().id() + " and this machine is "
            + Platform.current().id() + ": its packages (" + String.join(", ", skipped) + ") are not built here, "
            + "and its user profile holds none of them");
      }
      return Map.of();
    }
    return new PackageBuilds(session, out, timer).substitutes(substitutes).buildAll(success, config);
  }

  private StorePath userProfile(StateSession session, UserProfile u, Map<String, StorePath> outputs,
      Platform platform) {
    List<UserProfile.Package> buildable = new ArrayList<>();
    for (UserProfile.Package p : u.packages()) {
      if (outputs.containsKey(p.name())) {
        buildable.add(p);
      } else if (platform.equals(Platform.current())) {
        throw new UsageException("package '" + p.name() + "' of " + u.profileName() + " (listed at " + p.definedAt()
            + ") does not build on " + platform.id(), "add " + platform.id() + " to packages." + p.name()
            + ".platforms, or list it only under [when." + (platform.isDarwin() ? "linux" : "darwin") + "]");
      }
    }
    UserProfile farm = new UserProfile(u.username(), u.link(), buildable, u.definedAt());
    return timer.time("user profile", () -> new UserProfileFarm(session.store()).build(farm, outputs));
  }

  /** The system profile's {@code sw/} farm of its built {@code system.packages}; none for other profiles. */
  private Optional<StorePath> systemSoftware(StateSession session, String profile, Evaluation.Success success,
      Map<String, StorePath> outputs) {
    if (!profile.equals(Profiles.SYSTEM)) {
      return Optional.empty();
    }
    List<UserProfile.Package> packages = io.statectl.kernel.packages.PackageSet.systemPackages(success.config())
        .stream().filter(outputs::containsKey).map(n -> new UserProfile.Package(n, UserProfile.Package.DEFAULT_PRIORITY,
            io.statectl.api.SourceLocation.ofFile("system.packages"))).toList();
    if (packages.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(timer.time("system profile", () -> new UserProfileFarm(session.store())
        .buildSystemSoftware("statectl-system-sw", Profiles.SYSTEM, packages, outputs)));
  }

  /**
   * What {@link #buildOnly} made: the configuration snapshot, each profile's generation and the
   * packages' outputs by name, all in the store.
   */
  public record BuiltProfiles(StorePath snapshot, Map<String, StorePath> generations, Map<String, StorePath> outputs) {
    public BuiltProfiles {
      generations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(generations));
      outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }
  }

  /**
   * Builds packages, the snapshot and the generation of every profile the configuration has, as an
   * apply would, but records and activates nothing (for {@code deploy}, which activates them on
   * another machine). The caller holds the writer lock of {@code session}.
   */
  public BuiltProfiles buildOnly(StateSession session, Evaluation.Success success, Path config) {
    Map<String, StorePath> outputs = timer.time("packages", () -> buildPackages(session, success, config));
    GenerationBuilder builder = new GenerationBuilder(session.store(), session.buildMemo());
    StorePath snapshot = timer.time("snapshot", () -> builder.snapshot(success));
    Map<String, StorePath> generations = new java.util.LinkedHashMap<>();
    for (String profile : profiles(success, Optional.empty())) {
      BuiltGeneration g = timer.time("build generation", () -> builder.build(profile, success,
          u -> userProfile(session, u, outputs, success.platform()), systemSoftware(session, profile, success,
              outputs)));
      generations.put(profile, g.path());
    }
    return new BuiltProfiles(snapshot, generations, outputs);
  }

  private int printPlans(List<ProfilePlan> plans) {
    List<Conflict> conflicts = new ArrayList<>();
    for (ProfilePlan p : plans) {
      int number = p.current().nextNumber();
      out.result("dry run: the plan for generation " + number + (plans.size() > 1 ? " of profile " + p.profile() : "")
          + " (nothing is changed)");
      for (PlanStep s : p.plan().steps()) {
        out.result("  " + s.describe());
      }
      p.plan().notes().forEach(n -> out.result("  note: " + n));
      conflicts.addAll(p.plan().conflicts());
    }
    if (!conflicts.isEmpty()) {
      ActivationConflictException e = new ActivationConflictException(conflicts);
      out.message("error[" + e.code().id() + "]: " + e.getMessage());
      return e.code().exitCode();
    }
    return 0;
  }

  private record ProfilePlan(String profile, Current current, ActivationPlan plan) {}

  private record Built(ProfilePlan plan, BuiltGeneration generation, String path) {}

  /** The profile's active generation, its record and manifest, and the next generation number. */
  private record Current(Optional<ActiveGeneration> active, Optional<GenerationRecord> record,
      Optional<ActivationManifest> manifest, int nextNumber) {
    static final Current NONE = new Current(Optional.empty(), Optional.empty(), Optional.empty(), 1);
  }

  private static Current current(StateSession session, String profile) {
    ProjectionStore p = session.projections();
    Optional<ActiveGeneration> active = p.active(profile);
    Optional<GenerationRecord> record = active.flatMap(a -> p.generation(profile, a.number()));
    Optional<ActivationManifest> manifest = record.flatMap(g -> Manifests.read(g.storePath()));
    List<GenerationRecord> all = p.generations(profile);
    int next = all.isEmpty() ? 1 : all.get(all.size() - 1).number() + 1;
    return new Current(active, record, manifest, next);
  }
}
