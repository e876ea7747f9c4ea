package io.statectl.kernel.config;

import io.statectl.api.config.ConfigTable;
import java.util.Objects;

/** One parsed configuration file: its repository-relative path and its top-level table. */
public record ConfigDocument(String path, ConfigTable root) {
  public ConfigDocument {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(root, "root");
  }
}
