package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.file.Path;

/** Saves the content of a file about to be replaced; called before the file is touched. */
@FunctionalInterface
public interface BackupSink {
  void save(Path live) throws IOException;
}
