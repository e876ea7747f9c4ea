package io.statectl.kernel.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A repository with its pinned inputs mounted: {@code @<name>/…} reads the input's tree (a store
 * path, so immutable), {@value RepositoryPaths#INPUTS_MANIFEST} lists each input's store path, and
 * every other path is the repository's own. Thread-safe, as its parts are.
 */
public final class InputsConfigFileSystem implements ConfigFileSystem {
  private final ConfigFileSystem repository;
  private final Map<String, DirectoryConfigFileSystem> mounts = new TreeMap<>();
  private final byte[] manifest;

  /** Mounts {@code trees} (input name to its store directory) over {@code repository}. */
  public InputsConfigFileSystem(ConfigFileSystem repository, Map<String, Path> trees) {
    this.repository = repository;
    StringBuilder m = new StringBuilder();
    for (Map.Entry<String, Path> t : new TreeMap<>(trees).entrySet()) {
      mounts.put(t.getKey(), new DirectoryConfigFileSystem(t.getValue()));
      m.append(t.getKey()).append(' ').append(t.getValue()).append('\n');
    }
    this.manifest = m.toString().getBytes(StandardCharsets.UTF_8);
  }

  private record Mounted(DirectoryConfigFileSystem tree, String rest) {}

  private Optional<Mounted> mounted(String path) {
    int slash = path.indexOf('/');
    if (!path.startsWith(RepositoryPaths.INPUT_PREFIX) || slash < 0) {
      return Optional.empty();
    }
    DirectoryConfigFileSystem tree = mounts.get(path.substring(1, slash));
    return tree == null ? Optional.empty() : Optional.of(new Mounted(tree, path.substring(slash + 1)));
  }

  @Override
  public Optional<byte[]> read(String path) {
    if (path.equals(RepositoryPaths.INPUTS_MANIFEST)) {
      return Optional.of(manifest.clone());
    }
    if (path.startsWith(RepositoryPaths.INPUT_PREFIX)) {
      return mounted(path).flatMap(m -> m.tree().read(m.rest()));
    }
    return repository.read(path);
  }

  @Override
  public boolean isExecutable(String path) {
    if (path.startsWith(RepositoryPaths.INPUT_PREFIX)) {
      return mounted(path).map(m -> m.tree().isExecutable(m.rest())).orElse(false);
    }
    return repository.isExecutable(path);
  }

  @Override
  public List<String> hosts() {
    return repository.hosts();
  }

  @Override
  public String describe() {
    return repository.describe();
  }

  @Override
  public Set<String> inputs() {
    return Collections.unmodifiableSet(mounts.keySet());
  }
}
