package io.statectl.kernel.diff;

import java.util.Objects;

/**
 * How one managed file differs between two generations.
 *
 * @param change {@code added}, {@code removed}, {@code changed} (content) or {@code mode} (only
 *     regular/executable)
 * @param target path relative to the home
 * @param modeBefore {@code regular}/{@code executable}, empty text when added
 * @param modeAfter empty text when removed
 * @param unifiedDiff a unified text diff for small text files, else empty text
 */
public record FileChange(String change, String target, String modeBefore, String modeAfter, String unifiedDiff) {
  public FileChange {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(modeBefore, "modeBefore");
    Objects.requireNonNull(modeAfter, "modeAfter");
    Objects.requireNonNull(unifiedDiff, "unifiedDiff");
  }
}
