package io.statectl.kernel.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A {@link ConfigFileSystem} over a directory on disk. */
public final class DirectoryConfigFileSystem implements ConfigFileSystem {
  private final Path root;

  public DirectoryConfigFileSystem(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  private Optional<Path> resolve(String path) {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root)) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  @Override
  public Optional<byte[]> read(String path) {
    Optional<Path> p = resolve(path);
    if (p.isEmpty() || !Files.isRegularFile(p.get())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(p.get()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p.get(), e);
    }
  }

  @Override
  public boolean isExecutable(String path) {
    return resolve(path).map(Files::isExecutable).orElse(false);
  }

  @Override
  public List<String> hosts() {
    Path hosts = root.resolve("hosts");
    if (!Files.isDirectory(hosts, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(hosts)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> ConfigFormat.of(n).isPresent())
          .map(n -> n.substring(0, n.lastIndexOf('.')))
          .distinct()
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + hosts, e);
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }

  /**
   * The inputs a configuration snapshot holds: those its {@code @inputs} manifest lists (a live
   * repository's inputs are mounted by {@code InputsConfigFileSystem}, which answers this itself).
   */
  @Override
  public java.util.Set<String> inputs() {
    return read(RepositoryPaths.INPUTS_MANIFEST).map(RepositoryPaths::inputNames).orElse(java.util.Set.of());
  }
}
