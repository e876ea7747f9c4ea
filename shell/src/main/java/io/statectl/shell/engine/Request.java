package io.statectl.shell.engine;

import io.statectl.api.Platform;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.state.StateDirectory;
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

  record Apply(StateDirectory state, Path config, String host, Optional<Platform> platform, Path home, Mode mode,
      BackupPolicy backups) implements Request {
    public Apply {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(home, "home");
    }
  }

  /** List declared options whose path or description contains {@code query} (all when empty). */
  record Options(StateDirectory state, String query, OptionsFormat format) implements Request {}

  /** How {@code statectl options} prints. */
  enum OptionsFormat { TEXT, JSON, MARKDOWN }

  /** Print one option's merged value and every definition that contributed. */
  record Eval(StateDirectory state, Path config, String host, Optional<Platform> platform, String option,
      Format format) implements Request {}

  /** Evaluate hosts without building; report every problem of every host. */
  record Check(StateDirectory state, Path config, java.util.List<String> hosts, Optional<Platform> platform)
      implements Request {}

  /** Activate an existing generation: {@code number} empty means "the one before the active one". */
  record Activate(StateDirectory state, Optional<Integer> number, Optional<Path> home, BackupPolicy backups)
      implements Request {}

  record Generations(StateDirectory state, Format format) implements Request {}

  record History(StateDirectory state, Format format) implements Request {}

  record Verify(StateDirectory state) implements Request {}

  record PathInfo(StateDirectory state, String path, Format format) implements Request {}

  record Backups(StateDirectory state, Format format) implements Request {}

  record RestoreBackup(StateDirectory state, long id, Optional<Path> to, Overwrite overwrite) implements Request {}

  /**
   * Build packages of a host's configuration (all it declares for its platform when {@code
   * packages} is empty), up to {@code jobs} at once; {@code check} rebuilds to prove determinism.
   */
  record Build(StateDirectory state, Path config, String host, Optional<Platform> platform,
      java.util.List<String> packages, int jobs, Failures failures, Verification check, Format format) implements Request {
    public Build {
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

  /** Print the build log of a derivation, or of the derivation that built an output path. */
  record Log(StateDirectory state, String path) implements Request {}

  /** Show a chain of references by which {@code from} depends on {@code to}. */
  record WhyDepends(StateDirectory state, String from, String to) implements Request {}

  /** Print a path's size and the size of its closure. */
  record ClosureSize(StateDirectory state, String path, Format format) implements Request {}

  /** Whether a restore may replace a statectl-managed link at its destination. */
  enum Overwrite { REFUSE, REPLACE_MANAGED_LINK }
}
