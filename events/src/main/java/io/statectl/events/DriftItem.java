package io.statectl.events;

import java.util.Objects;

/**
 * One difference between the live machine and the active generation's manifest.
 *
 * @param kind what is wrong
 * @param path the absolute live path
 * @param detail what was expected and found, for people
 */
public record DriftItem(DriftKind kind, String path, String detail) {
  public DriftItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(detail, "detail");
  }
}
