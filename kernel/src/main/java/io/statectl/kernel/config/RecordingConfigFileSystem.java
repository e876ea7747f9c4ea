package io.statectl.kernel.config;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Remembers every file evaluation read, with its bytes as read. The snapshot stored for a
 * generation is exactly this set, so it holds all a later re-evaluation needs, and nothing read
 * twice can change in between.
 */
public final class RecordingConfigFileSystem implements ConfigFileSystem {
  private final ConfigFileSystem delegate;
  private final SortedMap<String, RepositoryFileSnapshot> read = Collections.synchronizedSortedMap(new TreeMap<>());

  public RecordingConfigFileSystem(ConfigFileSystem delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<byte[]> read(String path) {
    RepositoryFileSnapshot seen = read.get(path);
    if (seen != null) {
      return Optional.of(seen.bytes());
    }
    Optional<byte[]> bytes = delegate.read(path);
    bytes.ifPresent(b -> read.put(path, new RepositoryFileSnapshot(b, delegate.isExecutable(path))));
    return bytes;
  }

  @Override
  public boolean isExecutable(String path) {
    RepositoryFileSnapshot seen = read.get(path);
    return seen != null ? seen.executable() : delegate.isExecutable(path);
  }

  @Override
  public List<String> hosts() {
    return delegate.hosts();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public java.util.Set<String> inputs() {
    return delegate.inputs();
  }

  /** Every file read so far, by repository path. */
  public SortedMap<String, RepositoryFileSnapshot> snapshot() {
    synchronized (read) {
      return Collections.unmodifiableSortedMap(new TreeMap<>(read));
    }
  }
}
