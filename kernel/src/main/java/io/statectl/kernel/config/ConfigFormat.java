package io.statectl.kernel.config;

import java.util.Optional;

/** The file formats a configuration file may use, chosen by extension. */
public enum ConfigFormat {
  TOML(".toml"),
  YAML(".yaml"),
  YML(".yml"),
  JSON(".json");

  private final String extension;

  ConfigFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public ConfigReader reader() {
    switch (this) {
      case YAML:
      case YML:
        return new YamlReader();
      case JSON:
        return new JsonReader();
      default:
        return new TomlReader();
    }
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
