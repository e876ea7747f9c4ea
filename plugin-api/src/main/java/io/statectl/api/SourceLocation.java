package io.statectl.api;

import java.util.Objects;

/**
 * Where a definition was written: a file relative to the configuration root, with 1-based line
 * and column. Every configuration value carries one so that every message can point at it.
 *
 * @since 0.1
 */
public record SourceLocation(String file, int line, int column) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative position " + line + ":" + column);
    }
  }

  /** A location for a whole file, when no finer position is known. */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  @Override
  public String toString() {
    return line == 0 ? file : file + ":" + line + ":" + column;
  }
}
