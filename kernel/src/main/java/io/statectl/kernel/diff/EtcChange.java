package io.statectl.kernel.diff;

import java.util.Objects;

/**
 * How one file under the machine's {@code /etc} differs between two generations.
 *
 * @param change {@code added}, {@code removed}, {@code changed} (its content) or {@code mode} (only how
 *     it is placed: a link or a copy, the copy's mode and owner)
 * @param path relative to {@code /etc}
 * @param before how it was placed, e.g. {@code link} or {@code copy 0640 root:root}; empty text when added
 * @param after empty text when removed
 * @param unifiedDiff a text diff when both sides are small text links, else empty text
 */
public record EtcChange(String change, String path, String before, String after, String unifiedDiff) {
  public EtcChange {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(unifiedDiff, "unifiedDiff");
  }
}
