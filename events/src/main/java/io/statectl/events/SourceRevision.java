package io.statectl.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Where a generation's configuration came from in git: the commit checked out, its branch, and
 * whether the work tree differed from it (a dirty tree's changes are identified by a hash, never
 * copied into the log).
 *
 * @param commit the full hex object id of {@code HEAD}
 * @param branch the branch {@code HEAD} is on; {@code null} when detached
 * @param dirty whether tracked or untracked, non-ignored files differ from {@code HEAD}
 * @param dirtyHash SHA-256 (hex) over the differing paths and their content; {@code null} when clean
 * @param subject the first line of the commit message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceRevision(String commit, String branch, boolean dirty, String dirtyHash, String subject) {
  public SourceRevision {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(subject, "subject");
    if (!commit.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new IllegalArgumentException("not a git object id: " + commit);
    }
    if (dirty != (dirtyHash != null)) {
      throw new IllegalArgumentException("a dirty tree has a hash of its changes, a clean one none");
    }
  }

  /** The abbreviated commit as {@code git log --oneline} shows it, with {@code +} when the tree was dirty. */
  public String shortForm() {
    return commit.substring(0, 7) + (dirty ? "+" : "");
  }
}
