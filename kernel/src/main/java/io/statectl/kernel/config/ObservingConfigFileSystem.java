package io.statectl.kernel.config;

import io.statectl.kernel.store.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every question asked of a {@link ConfigFileSystem} and its answer (a file's SHA-256 or
 * its absence, executability, the host list), so that a later caller can tell whether asking again
 * would give the same answers ({@link Observations#unchangedIn}) — and therefore whether a result
 * computed from them (an evaluation) still holds. Thread-safe.
 */
public final class ObservingConfigFileSystem implements ConfigFileSystem {
  private final ConfigFileSystem delegate;
  private final Map<String, Optional<Hash>> reads = new ConcurrentHashMap<>();
  private final Map<String, Boolean> executables = new ConcurrentHashMap<>();
  private volatile List<String> hosts;

  public ObservingConfigFileSystem(ConfigFileSystem delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<byte[]> read(String path) {
    Optional<byte[]> bytes = delegate.read(path);
    reads.putIfAbsent(path, bytes.map(Hash::of));
    return bytes;
  }

  @Override
  public boolean isExecutable(String path) {
    boolean x = delegate.isExecutable(path);
    executables.putIfAbsent(path, x);
    return x;
  }

  @Override
  public List<String> hosts() {
    List<String> h = delegate.hosts();
    hosts = List.copyOf(h);
    return h;
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  /** What was asked so far, and what the answers were. */
  public Observations observations() {
    return new Observations(Map.copyOf(reads), Map.copyOf(executables), Optional.ofNullable(hosts));
  }

  /** The questions asked of a repository, with their answers. */
  public record Observations(Map<String, Optional<Hash>> reads, Map<String, Boolean> executables,
      Optional<List<String>> hosts) {
    public Observations {
      reads = Map.copyOf(reads);
      executables = Map.copyOf(executables);
      Objects.requireNonNull(hosts, "hosts");
    }

    /** Whether {@code files} answers every question as it was answered then (it re-reads every file). */
    public boolean unchangedIn(ConfigFileSystem files) {
      for (Map.Entry<String, Optional<Hash>> r : reads.entrySet()) {
        if (!files.read(r.getKey()).map(Hash::of).equals(r.getValue())) {
          return false;
        }
      }
      for (Map.Entry<String, Boolean> x : executables.entrySet()) {
        if (files.isExecutable(x.getKey()) != x.getValue()) {
          return false;
        }
      }
      return hosts.isEmpty() || new ArrayList<>(files.hosts()).equals(hosts.get());
    }
  }
}
