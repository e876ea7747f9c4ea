package io.statectl.kernel.generation;

import java.util.Objects;

/**
 * One entry of a generation's {@code activation.json}.
 *
 * @param kind {@code "home-file"}
 * @param target path relative to the home
 * @param source path inside the generation holding the content
 * @param mode {@code "regular"} or {@code "executable"}
 */
public record ManifestEntry(String kind, String target, String source, String mode) {
  public static final String HOME_FILE = "home-file";

  public ManifestEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(mode, "mode");
  }
}
