package io.statectl.kernel.secrets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The secrets a system generation uses, stored as {@code secrets.json} in the generation next to
 * a copy of each ciphertext ({@code secrets/<name>.age}): what rollback decrypts again and what
 * {@code diff} compares. Only ciphertext hashes and declarations, never plaintext. Canonical JSON
 * (sorted keys and entries) because it is part of the generation's hash.
 */
public record SecretsManifest(int version, String identity, List<Entry> secrets) {
  public static final String FILE_NAME = "secrets.json";
  public static final String DIRECTORY = "secrets";
  public static final String DEFAULT_IDENTITY = "/etc/ssh/ssh_host_ed25519_key";
  /** A home's identity unless {@code home.secrets.identity} names another: the user's own ssh key. */
  public static final String DEFAULT_HOME_IDENTITY = "~/.ssh/id_ed25519";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /**
   * One secret of a generation.
   *
   * @param sha256 hex SHA-256 of the ciphertext: which version of the file the generation used
   * @param owner empty string: not changed (the activating user)
   */
  public record Entry(String name, String file, String sha256, String path, String owner, String group,
      String mode, List<String> recipients) {
    public Entry {
      recipients = List.copyOf(recipients);
    }

    /** The ciphertext's place inside the generation. */
    public String copyInGeneration() {
      return DIRECTORY + "/" + name + ".age";
    }
  }

  public SecretsManifest {
    secrets = secrets.stream().sorted(Comparator.comparing(Entry::name)).toList();
  }

  /**
   * Whether these are a home's secrets (placed under the user's runtime directory, not under the
   * root): a system secret's path is under /run/statectl/secrets or, on purpose, elsewhere under /.
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isHome() {
    return !secrets.isEmpty() && secrets.stream().allMatch(e -> e.path().startsWith(SecretDeclaration.HOME_RUNTIME_DIR + "/"));
  }

  /** Whether a generation places secrets under the root (a system generation with secrets). */
  public static boolean underRoot(Path generation) {
    return of(generation).filter(m -> !m.isHome()).isPresent();
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("secrets manifest cannot be encoded", e);
    }
  }

  /** The manifest of a generation directory; empty when it uses no secrets. */
  public static Optional<SecretsManifest> of(Path generation) {
    Path f = generation.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(f), SecretsManifest.class));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + f, e);
    }
  }
}
