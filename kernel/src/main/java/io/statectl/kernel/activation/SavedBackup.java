package io.statectl.kernel.activation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file sealed into the store, and recorded ({@code FileBackedUp}), before an activation replaced it.
 *
 * @param live where it stood
 * @param content the store file (or link) holding its former content
 * @param permissions its POSIX permissions, e.g. {@code rw-r--r--}
 */
public record SavedBackup(Path live, Path content, String permissions) {
  public SavedBackup {
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(permissions, "permissions");
  }
}
