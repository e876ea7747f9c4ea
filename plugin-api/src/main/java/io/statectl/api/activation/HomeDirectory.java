package io.statectl.api.activation;

import io.statectl.api.SourceLocation;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A directory of the home that must exist with these permissions, such as {@code .ssh} with
 * {@code rwx------}. Activation creates it or tightens its mode; it is never removed, since it
 * may hold files statectl does not manage.
 *
 * @param target path relative to the home (see {@link HomeFile#isSafeRelative})
 * @param permissions POSIX permissions in {@code ls} form, e.g. {@code "rwx------"}
 * @since 0.1.1
 */
public record HomeDirectory(String target, String permissions, SourceLocation definedAt) implements ActivationEntry {
  private static final Pattern PERMISSIONS = Pattern.compile("([r-][w-][x-]){3}");

  public HomeDirectory {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(definedAt, "definedAt");
    if (!HomeFile.isSafeRelative(target)) {
      throw new IllegalArgumentException("home directory must be a relative path inside the home: " + target);
    }
    if (!PERMISSIONS.matcher(permissions).matches()) {
      throw new IllegalArgumentException("permissions must read like rwx------: " + permissions);
    }
  }
}
