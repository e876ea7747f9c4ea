package io.statectl.kernel.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a generation's {@code activation.json}.
 *
 * <p>Fields beyond the first four are written only when set, so a manifest of home files alone
 * keeps the bytes (and the store paths) it had before those kinds existed.
 *
 * @param kind {@link #HOME_FILE}, {@link #HOME_DIRECTORY}, {@link #ROOT_FILE} or {@link #SETTING}
 * @param target path relative to the home (or the root, for root files); a setting's id
 * @param source path inside the generation holding the content; {@code ""} for directories and settings
 * @param mode {@code "regular"} or {@code "executable"}; a directory's permissions; a setting's scope
 * @param family a setting's platform family ({@code "darwin"}, {@code "linux"})
 * @param state what a setting is set to, compared between generations
 * @param apply the commands that set a setting
 * @param revert the commands that undo it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ManifestEntry(String kind, String target, String source, String mode, String family, String state,
    List<List<String>> apply, List<List<String>> revert) {
  public static final String HOME_FILE = "home-file";
  public static final String HOME_DIRECTORY = "home-directory";
  public static final String ROOT_FILE = "root-file";
  public static final String SETTING = "setting";

  public ManifestEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    source = source == null ? "" : source;
    mode = mode == null ? "" : mode;
    family = family == null ? "" : family;
    state = state == null ? "" : state;
    apply = apply == null ? List.of() : apply.stream().map(List::copyOf).toList();
    revert = revert == null ? List.of() : revert.stream().map(List::copyOf).toList();
  }

  /** A file or directory entry. */
  public ManifestEntry(String kind, String target, String source, String mode) {
    this(kind, target, source, mode, "", "", List.of(), List.of());
  }

  /** Whether activation places this entry under the root rather than the home. */
  public boolean underRoot() {
    return ROOT_FILE.equals(kind);
  }

  /** Whether this entry is a link activation makes (a file), as opposed to a directory or a setting. */
  public boolean isLink() {
    return HOME_FILE.equals(kind) || ROOT_FILE.equals(kind);
  }
}
