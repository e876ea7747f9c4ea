package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.Path;

/** Populates a fresh, empty, writable directory that the store will then seal and register. */
@FunctionalInterface
public interface TreeWriter {
  /**
   * Writes the tree's entries into {@code directory}, which is private to this call; it must not
   * keep references to {@code directory} after returning.
   */
  void write(Path directory) throws IOException;
}
