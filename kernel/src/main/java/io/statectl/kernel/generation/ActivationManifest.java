package io.statectl.kernel.generation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What activating a generation makes true, stored as {@code activation.json} in the generation.
 * The encoding is canonical (entries sorted by target, keys sorted, UTF-8) because it is part of
 * the generation's hash; see {@code docs/spec/generation.md}.
 */
public record ActivationManifest(int version, String profile, String host, List<ManifestEntry> entries) {
  public static final int CURRENT_VERSION = 1;
  public static final String FILE_NAME = "activation.json";
  public static final String HOME_FILES = "home-files";
  public static final String ROOT_FILES = "root-files";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public ActivationManifest {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(host, "host");
    entries = entries.stream().sorted(Comparator.comparing(ManifestEntry::target)).toList();
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("manifest cannot be encoded", e);
    }
  }

  public static ActivationManifest fromJson(byte[] json) throws IOException {
    return JSON.readValue(json, ActivationManifest.class);
  }
}
