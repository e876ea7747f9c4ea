package io.statectl.kernel.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Resolution of paths written in configuration files against the repository root. */
public final class RepositoryPaths {
  private RepositoryPaths() {}

  /**
   * Resolves {@code written}, found in the file {@code fromFile} (repository-relative), to a
   * normalised repository-relative path; empty when it is absolute or climbs out of the
   * repository.
   */
  public static Optional<String> resolve(String fromFile, String written) {
    if (written.isEmpty() || written.startsWith("/") || written.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    int slash = fromFile.lastIndexOf('/');
    String base = slash < 0 ? "" : fromFile.substring(0, slash);
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : (base.isEmpty() ? written : base + "/" + written).split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }
}
