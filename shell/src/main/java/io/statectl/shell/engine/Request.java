package io.statectl.shell.engine;

import io.statectl.api.Platform;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.inspect.HistoryFilter;
import io.statectl.shell.engine.inspect.HistoryPoint;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Every command is a request value handled by the {@link Engine}; the CLI only parses arguments
 * into one of these. A closed family.
 */
public sealed interface Request {

  StateDirectory state();

  /** Whether results are printed as JSON for tools. */
  enum Format { TEXT, JSON }

  /** Whether an apply changes anything. */
  enum Mode { CHANGE, DRY_RUN }

  /**
   * {@code statectl install}: puts a configuration onto another root, whose own state directory
   * ({@link #state()}, {@code <root>/var/lib/statectl}) records its generation 1.
   */
  record Install(StateDirectory installer, Path root, Path config, String host, Optional<Platform> platform,
      boolean force, io.statectl.shell.engine.cache.SubstituterFlags substitutes) implements Request {
    /** Where the installed machine keeps its state, as it sees it (and so the prefix of its store paths). */
    public static final Path ROOT_STATE = Path.of("/var/lib/statectl");

    /** The root's state directory as the installer sees it: {@code <root>/var/lib/statectl}. */
    public StateDirectory state() {
      return new StateDirectory(root.resolve(ROOT_STATE.toString().substring(1)));
    }
  }

  /**
   * {@code statectl boot}: shows the boot entries ({@code SHOW}), pins the default ({@code --default
   * N}), chooses the next boot only ({@code --once N}), or is the boot-time activation the
   * generation's {@code init} runs ({@code --activate-at-boot}, {@code init} naming that init).
   */
  record Boot(StateDirectory state, BootAction action, Optional<Integer> generation, Optional<Path> root,
      Optional<Path> init) implements Request {
    public Boot {
      Objects.requireNonNull(action, "action");
      if ((action == BootAction.DEFAULT || action == BootAction.ONCE) && generation.isEmpty()) {
        throw new IllegalArgumentException(action + " needs a generation");
      }
    }
  }

  /** What {@code statectl boot} does. */
  enum BootAction { SHOW, DEFAULT, ONCE, ACTIVATE_AT_BOOT }

  record Apply(StateDirectory state, Path config, String host, Optional<Platform> platform, Path home, Mode mode,
      BackupPolicy backups, Optional<Path> root, io.statectl.kernel.activation.UnitFailurePolicy onUnitFailure,
      Optional<String> message, io.statectl.shell.engine.cache.SubstituterFlags substitutes) implements Request {
    public Apply(StateDirectory state, Path config, String host, Optional<Platform> platform, Path home, Mode mode,
        BackupPolicy backups, Optional<Path> root, io.statectl.kernel.activation.UnitFailurePolicy onUnitFailure,
        Optional<String> message) {
      this(state, config, host, platform, home, mode, backups, root, onUnitFailure, message,
          io.statectl.shell.engine.cache.SubstituterFlags.NONE);
    }

    public Apply(StateDirectory state, Path config, String host, Optional<Platform> platform, Path home, Mode mode,
        BackupPolicy backups) {
      this(state, config, host, platform, home, mode, backups, Optional.empty());
    }

    public Apply(StateDirectory state, Path config, String host, Optional<Platform> platform, Path home, Mode mode,
        BackupPolicy backups, Optional<Path> root) {
      this(state, config, host, platform, home, mode, backups, root, io.statectl.kernel.activation.UnitFailurePolicy.STAY,
          Optional.empty());
    }

    public Apply {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(onUnitFailure, "onUnitFailure");
      Objects.requireNonNull(substitutes, "substitutes");
    }
  }

  /** List declared options whose path or description contains {@code query} (all when empty). */
  record Options(StateDirectory state, String query, OptionsFormat format) implements Request {}

  /** How {@code statectl options} prints. */
  enum OptionsFormat { TEXT, JSON, MARKDOWN }

  /** Print one option's merged value and every definition that contributed. */
  record Eval(StateDirectory state, Path config, String host, Optional<Platform> platform, String option,
      Format format) implements Request {}

  /**
   * {@code statectl lock [--update [NAME…]]} (issue 17): pin the inputs {@code statectl.toml}
   * declares in {@code statectl.lock}; {@code update} moves the pins of {@code names} (all when empty).
   */
  record Lock(StateDirectory state, Path config, boolean update, java.util.List<String> names) implements Request {
    public Lock {
      names = java.util.List.copyOf(names);
    }
  }

  /** Evaluate hosts without building; report every problem of every host. */
  /** {@code statectl secrets list|check|rekey|edit} (issue 18). */
  record Secrets(StateDirectory state, Path config, String host, SecretsAction action, Optional<String> name,
      Optional<Path> root, Optional<Path> identity, Optional<String> editor) implements Request {}

  /** What {@code statectl secrets} does. */
  enum SecretsAction { LIST, CHECK, REKEY, EDIT }

  record Check(StateDirectory state, Path config, java.util.List<String> hosts, Optional<Platform> platform,
      Optional<Path> root)
      implements Request {}

  /** Install (or, with {@code UPGRADE}, replace) a plugin from a path or URL. */
  record PluginInstall(StateDirectory state, String source, Optional<String> sha256, Optional<Path> config,
      io.statectl.kernel.plugins.InstallPlugin.Intent intent, Optional<String> expectedId) implements Request {}

  record PluginList(StateDirectory state, Optional<Path> config, Format format) implements Request {}

  record PluginRemove(StateDirectory state, String id, Optional<Path> config, Overwrite force) implements Request {}

  record PluginVerify(StateDirectory state, Path config) implements Request {}

  /** Activate an existing generation: {@code number} empty means "the one before the active one". */
  record Activate(StateDirectory state, Optional<Integer> number, Optional<Path> home, BackupPolicy backups,
      String profile, Optional<Path> root) implements Request {
    public Activate(StateDirectory state, Optional<Integer> number, Optional<Path> home, BackupPolicy backups) {
      this(state, number, home, backups, Profiles.SYSTEM, Optional.empty());
    }
  }

  /** The generation list; {@code asOf} present shows it as it was at that point of history. */
  record Generations(StateDirectory state, Format format, Optional<HistoryPoint> asOf, String profile)
      implements Request {
    public Generations(StateDirectory state, Format format) {
      this(state, format, Optional.empty(), Profiles.SYSTEM);
    }

    public Generations(StateDirectory state, Format format, Optional<HistoryPoint> asOf) {
      this(state, format, asOf, Profiles.SYSTEM);
    }
  }

  /** The event log, filtered by {@link HistoryFilter} (which may let everything through). */
  record History(StateDirectory state, Format format, HistoryFilter filter) implements Request {
    public History(StateDirectory state, Format format) {
      this(state, format, HistoryFilter.ALL);
    }
  }

  record Verify(StateDirectory state) implements Request {}

  /** {@code history --reanchor}: rewrite the anchored chain head from the log as it is. */
  record Reanchor(StateDirectory state) implements Request {}

  record PathInfo(StateDirectory state, String path, Format format) implements Request {}

  record Backups(StateDirectory state, Format format) implements Request {}

  record RestoreBackup(StateDirectory state, long id, Optional<Path> to, Overwrite overwrite) implements Request {}

  // Issue 4: history, replay, gc, drift.

  /** {@code statectl show-generation N}: what a generation is, holds, changed, and which events made it. */
  record ShowGeneration(StateDirectory state, int number, Format format, String profile) implements Request {
    public ShowGeneration(StateDirectory state, int number, Format format) {
      this(state, number, format, Profiles.SYSTEM);
    }
  }

  /**
   * {@code statectl diff A B}: what changed from generation {@code from} to generation {@code to},
   * or ({@code statectl diff A --config DIR --host H}) to what that configuration would build.
   */
  record Diff(StateDirectory state, int from, DiffTarget to, Format format, String profile) implements Request {
    public Diff(StateDirectory state, int from, DiffTarget to, Format format) {
      this(state, from, to, format, Profiles.SYSTEM);
    }
  }

  /** The newer side of a diff. A closed family. */
  sealed interface DiffTarget {
    /** A recorded generation. */
    record Generation(int number) implements DiffTarget {}

    /** What a configuration on disk evaluates to, built into a throw-away store. */
    record Configuration(Path config, String host) implements DiffTarget {
      public Configuration {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(host, "host");
      }
    }
  }

  /** Whether a replay only builds a view of the past, or makes the machine match it. */
  enum ReplayMode { VIEW, APPLY }

  /**
   * {@code statectl replay}: with no point, rebuild the live read models from the log; with one,
   * build them as of that point into a separate view, and with {@link ReplayMode#APPLY} activate
   * the generation that was active then (realising it again if gc removed it).
   */
  /**
   * {@code statectl replay}; with {@code --apply}, {@code home} and {@code root} override the ones
   * the activation of that point recorded.
   */
  record Replay(StateDirectory state, Optional<HistoryPoint> to, ReplayMode mode, Optional<Path> home,
      Format format, Optional<Path> root) implements Request {
    public Replay(StateDirectory state, Optional<HistoryPoint> to, ReplayMode mode, Optional<Path> home,
        Format format) {
      this(state, to, mode, home, format, Optional.empty());
    }
  }

  /** {@code statectl status}: drift of the live home from the active generation. */
  record Status(StateDirectory state, Optional<Path> home, Format format, DriftExit exit, Optional<String> profile)
      implements Request {
    public Status(StateDirectory state, Optional<Path> home, Format format, DriftExit exit) {
      this(state, home, format, exit, Optional.empty());
    }
  }

  /** Whether {@code status} exits non-zero on drift. */
  enum DriftExit { ZERO, NON_ZERO_ON_DRIFT }

  /** {@code statectl apply --repair}: make the live home match the active generation again. */
  record Repair(StateDirectory state, Optional<Path> home) implements Request {}

  /**
   * {@code statectl gc}: delete generations (a range, and/or those older than a duration; never the
   * active one), then remove store paths no root reaches.
   */
  record Gc(StateDirectory state, Optional<GenerationRange> delete, Optional<java.time.Duration> olderThan,
      Mode mode, String profile, Optional<Long> maxFreed) implements Request {
    public Gc(StateDirectory state, Optional<GenerationRange> delete, Optional<java.time.Duration> olderThan, Mode mode) {
      this(state, delete, olderThan, mode, Profiles.SYSTEM, Optional.empty());
    }

    public Gc {
      Objects.requireNonNull(profile, "profile");
      if (maxFreed.isPresent() && maxFreed.get() < 0) {
        throw new IllegalArgumentException("--max-freed must not be negative");
      }
    }
  }

  /** Generation numbers {@code first..last}, inclusive. */
  record GenerationRange(int first, int last) {
    public GenerationRange {
      if (first < 1 || last < first) {
        throw new IllegalArgumentException("bad generation range " + first + ".." + last);
      }
    }
  }

  /** Whether a restore may replace a statectl-managed link at its destination. */
  enum Overwrite { REFUSE, REPLACE_MANAGED_LINK }

  // Issue 6: builds.

  /**
   * Build packages of a host's configuration (all it declares for its platform when {@code
   * packages} is empty), up to {@code jobs} at once; {@code check} rebuilds to prove determinism.
   */
  record Build(StateDirectory state, Path config, String host, Optional<Platform> platform,
      java.util.List<String> packages, int jobs, Failures failures, Verification check, Format format,
      Optional<Path> outLink, io.statectl.shell.engine.cache.SubstituterFlags substitutes) implements Request {
    public Build(StateDirectory state, Path config, String host, Optional<Platform> platform,
        java.util.List<String> packages, int jobs, Failures failures, Verification check, Format format,
        Optional<Path> outLink) {
      this(state, config, host, platform, packages, jobs, failures, check, format, outLink,
          io.statectl.shell.engine.cache.SubstituterFlags.NONE);
    }

    /** Without an out-link (no user root). */
    public Build(StateDirectory state, Path config, String host, Optional<Platform> platform,
        java.util.List<String> packages, int jobs, Failures failures, Verification check, Format format) {
      this(state, config, host, platform, packages, jobs, failures, check, format, Optional.empty());
    }

    public Build {
      Objects.requireNonNull(outLink, "outLink");
      Objects.requireNonNull(substitutes, "substitutes");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(host, "host");
      packages = java.util.List.copyOf(packages);
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs must be at least 1");
      }
    }
  }

  /** Whether a failed build stops the others ({@code STOP}) or only its dependents. */
  enum Failures { STOP, KEEP_GOING }

  /** Whether {@code build} also rebuilds what is valid and compares. */
  enum Verification { NONE, REBUILD_AND_COMPARE }

  // Issue 14: the store's life cycle.

  /** {@code statectl store roots}: every GC root and what holds it. */
  record ListRoots(StateDirectory state, Format format) implements Request {}

  /** {@code statectl store why-alive PATH}: the chain of references from a root to {@code path}. */
  record WhyAlive(StateDirectory state, String path) implements Request {}

  /** Whether {@code store verify} hashes every path's contents again. */
  enum ContentCheck { SKIP, CHECK }

  /** Whether {@code store verify} rebuilds damaged paths from their derivations. */
  enum RepairMode { REPORT, REPAIR }

  /** {@code statectl store verify}: the index against the disk, and the profile links. */
  record StoreVerify(StateDirectory state, ContentCheck contents, RepairMode repair) implements Request {}

  /** {@code statectl store add PATH [--name N]}: add a file or tree as a content-addressed source path. */
  record StoreAdd(StateDirectory state, Path path, Optional<String> name) implements Request {
    public StoreAdd {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code statectl store optimise}: hard-link identical files across the store. */
  record StoreOptimise(StateDirectory state) implements Request {}

  /** Print the build log of a derivation, or of the derivation that built an output path. */
  record Log(StateDirectory state, String path) implements Request {}

  /** Show a chain of references by which {@code from} depends on {@code to}. */
  record WhyDepends(StateDirectory state, String from, String to) implements Request {}

  /** Print a path's size and the size of its closure. */
  record ClosureSize(StateDirectory state, String path, Format format) implements Request {}

  // Issue 20: tools (explain, init, doctor).

  /** {@code statectl explain CODE}: what an error code means, its typical cause and fix; all codes when empty. */
  record Explain(StateDirectory state, Optional<String> code) implements Request {}

  /** Whether {@code init} may write into a directory that already holds files. */
  enum InitTarget { EMPTY_ONLY, FORCE }

  /**
   * {@code statectl init DIR}: a configuration repository for {@code host}; the {@code adopt} files
   * (relative to {@code home}) are moved into it and declared.
   */
  record Init(StateDirectory state, Path dir, String host, java.util.List<String> adopt, Path home, InitTarget target)
      implements Request {
    public Init {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(home, "home");
      adopt = java.util.List.copyOf(adopt);
    }
  }

  /** {@code statectl doctor}: what this machine has and lacks for statectl, with how to fix each. */
  record Doctor(StateDirectory state) implements Request {}
  // Issue 16: binary cache.

  /** {@code statectl cache keygen}: a new Ed25519 key pair in Nix's format. */
  record CacheKeygen(StateDirectory state, String name, Path secretFile, Path publicFile) implements Request {}

  /** What {@code cache push} uploads: store paths, a generation's closure, or what a host's configuration builds. */
  sealed interface PushSource {
    record Paths(java.util.List<String> paths) implements PushSource {
      public Paths {
        paths = java.util.List.copyOf(paths);
      }
    }

    record Generation(int number, String profile) implements PushSource {}

    /** {@code --host H --config DIR}: evaluate and build the host (as apply would, activating nothing) and push that. */
    record Host(Path config, String host, Optional<Platform> platform) implements PushSource {}
  }

  /** {@code statectl cache push URL …}: the closure's missing paths, signed with {@code secret} if given. */
  record CachePush(StateDirectory state, String url, PushSource source, Optional<Path> secret,
      io.statectl.kernel.cache.Compression compression, int jobs, Optional<String> token, boolean quiet)
      implements Request {
    public CachePush(StateDirectory state, String url, PushSource source, Optional<Path> secret,
        io.statectl.kernel.cache.Compression compression, int jobs, Optional<String> token) {
      this(state, url, source, secret, compression, jobs, token, false);
    }
  }

  /** What {@code cache serve} serves: the local store (signed on the fly) or a pushed cache directory. */
  sealed interface ServeSource {
    record LocalStore(Optional<Path> secret) implements ServeSource {}

    record Directory(Path dir) implements ServeSource {}
  }

  /** {@code statectl cache serve}: an HTTP binary cache on {@code host:port}, read-only unless {@code putToken}. */
  record CacheServe(StateDirectory state, ServeSource source, String host, int port, Optional<String> putToken)
      implements Request {}

  // Issue 17: deploy.

  /**
   * {@code statectl deploy [NODE…]}: build each node's host locally, copy what its store lacks over
   * ssh, activate it there with the node's statectl, confirm it over a new connection; all nodes
   * of deploy.toml when {@code nodes} is empty, {@code jobs} at once.
   */
  record Deploy(StateDirectory state, Path config, java.util.List<String> nodes, int jobs, Format format,
      BackupPolicy backups, Mode mode, java.util.Map<String, String> env) implements Request {
    /** @param env the user's environment, which ssh gets (agent socket, HOME for ~/.ssh/config) */
    public Deploy {
      Objects.requireNonNull(config, "config");
      nodes = java.util.List.copyOf(nodes);
      env = java.util.Map.copyOf(env);
      if (jobs < 1) {
        throw new IllegalArgumentException("--jobs must be at least 1");
      }
    }
  }

  /** The node's side of a deploy, run by the deployer over ssh ({@code statectl deploy-node …}, hidden). */
  sealed interface DeployNode extends Request {}

  /** Answer the deployer's offer of a closure and register the paths it sends (stdin/stdout). */
  record NodeReceive(StateDirectory state, java.io.InputStream in, java.io.OutputStream out, Optional<String> token)
      implements DeployNode {}

  /**
   * Record and activate generations already received ({@code generations}: profile → store path);
   * with a {@code confirmTimeout}, first arm a watcher that reverts them unless {@code token} is
   * confirmed in time.
   */
  record NodeActivate(StateDirectory state, String host, String snapshot, java.util.Map<String, String> generations,
      Path home, Optional<Path> root, BackupPolicy backups, Optional<java.time.Duration> confirmTimeout, String token,
      Path launcher) implements DeployNode {
    public NodeActivate {
      generations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(generations));
    }
  }

  /** The watcher armed by {@link NodeActivate}: waits for the confirmation, else reverts. */
  record NodeWatch(StateDirectory state, String token) implements DeployNode {}

  /** Confirm an activation (from a new ssh connection). */
  record NodeConfirm(StateDirectory state, String token) implements DeployNode {}

  /** Whether an activation is pending, confirmed or reverted. */
  record NodeStatus(StateDirectory state, String token) implements DeployNode {}
}
