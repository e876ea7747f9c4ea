package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves the content of a file about to be replaced: sealed into the store (on disk) and recorded
 * ({@code FileBackedUp}, which roots it) before it returns; only then is the file replaced.
 */
@FunctionalInterface
public interface BackupSink {
  void save(Path live) throws IOException;
}
