package io.statectl.shell.engine;

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

  record Apply(StateDirectory state, Path config, String host, Path home, Mode mode, BackupPolicy backups)
      implements Request {
    public Apply {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(home, "home");
    }
  }

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
