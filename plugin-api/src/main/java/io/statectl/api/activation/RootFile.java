package io.statectl.api.activation;

import io.statectl.api.SourceLocation;
import java.util.Objects;

/**
 * A file placed under the machine's root (for example {@code Library/LaunchDaemons/x.plist}),
 * linked from the {@code system} profile's generation. {@code statectl apply --root DIR} puts the
 * root elsewhere, which is how the files of another platform are produced and inspected.
 *
 * @param target path relative to the root, normalised, never absolute, never escaping
 * @since 0.1.1
 */
public record RootFile(String target, FileContent content, FileMode mode, SourceLocation definedAt)
    implements ActivationEntry {
  public RootFile {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(definedAt, "definedAt");
    if (!HomeFile.isSafeRelative(target)) {
      throw new IllegalArgumentException("root file target must be a relative path under the root: " + target);
    }
  }
}
