package io.statectl.api.activation;

import io.statectl.api.SourceLocation;
import java.util.Objects;

/**
 * A file placed in the user's home, linked from the generation.
 *
 * @param target path relative to the home directory, normalised, never absolute, never escaping
 * @since 0.1
 */
public record HomeFile(String target, FileContent content, FileMode mode, SourceLocation definedAt)
    implements ActivationEntry {
  public HomeFile {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(definedAt, "definedAt");
    if (!isSafeRelative(target)) {
      throw new IllegalArgumentException("home file target must be a relative path inside the home: " + target);
    }
  }

  /** True when {@code target} is relative, non-empty, normalised and does not climb out. */
  public static boolean isSafeRelative(String target) {
    if (target.isEmpty() || target.startsWith("/") || target.endsWith("/") || target.contains("\\")
        || target.contains("\0")) {
      return false;
    }
    for (String segment : target.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
