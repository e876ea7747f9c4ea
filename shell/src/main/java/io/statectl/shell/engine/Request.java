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

  /** Install (or, with {@code UPGRADE}, replace) a plugin from a path or URL. */
  record PluginInstall(StateDirectory state, String source, Optional<String> sha256, Optional<Path> config,
      io.statectl.kernel.plugins.InstallPlugin.Intent intent, Optional<String> expectedId) implements Request {}

  record PluginList(StateDirectory state, Optional<Path> config, Format format) implements Request {}

  record PluginRemove(StateDirectory state, String id, Optional<Path> config, Overwrite force) implements Request {}

  record PluginVerify(StateDirectory state, Path config) implements Request {}

  /** Activate an existing generation: {@code number} empty means "the one before the active one". */
  record Activate(StateDirectory state, Optional<Integer> number, Optional<Path> home, BackupPolicy backups)
      implements Request {}

  record Generations(StateDirectory state, Format format) implements Request {}

  record History(StateDirectory state, Format format) implements Request {}

  record Verify(StateDirectory state) implements Request {}

  record PathInfo(StateDirectory state, String path, Format format) implements Request {}

  record Backups(StateDirectory state, Format format) implements Request {}

  record RestoreBackup(StateDirectory state, long id, Optional<Path> to, Overwrite overwrite) implements Request {}

  /** Whether a restore may replace a statectl-managed link at its destination. */
  enum Overwrite { REFUSE, REPLACE_MANAGED_LINK }
}
