package io.statectl.projections.backups;

import java.time.Instant;
import java.util.Objects;

/**
 * A file saved into the store before activation replaced it.
 *
 * @param id the log sequence of its {@code FileBackedUp}: stable, and what {@code restore-backup} takes
 */
public record BackupRecord(long id, String profile, String livePath, String storePath, String mode, Instant at) {
  public BackupRecord {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(livePath, "livePath");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(at, "at");
  }
}
