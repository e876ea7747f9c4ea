package io.statectl.kernel.config;

import java.util.Optional;

/** The file formats a configuration file may use, chosen by extension. */
public enum ConfigFormat {
  TOML(".toml");

  private final String extension;

  ConfigFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public static Optional<ConfigFormat> of(String fileName) {
    for (ConfigFormat f : values()) {
      if (fileName.endsWith(f.extension)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
