package io.statectl.kernel.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers every question asked of a repository and the answer it gave — each file read (or
 * found absent), each executable bit, the host listing — so that a later caller can ask whether
 * the repository would still answer the same ({@link #sameAnswers}). Evaluation reaches the
 * repository only through its port, so an evaluation whose every answer is unchanged would
 * compute the very same result: a resident server reuses it ({@code EvaluationMemo}).
 *
 * <p>Thread-safe. The first answer for a path is the one remembered (evaluation reads each file
 * once: {@link RecordingConfigFileSystem} above this one returns what it read before).
 */
public final class ObservingConfigFileSystem implements ConfigFileSystem {
  private static final byte[] ABSENT = new byte[0];

  private final ConfigFileSystem delegate;
  private final Map<String, byte[]> reads = new LinkedHashMap<>();
  private final Map<String, Boolean> executables = new LinkedHashMap<>();
  private List<String> hosts;

  public ObservingConfigFileSystem(ConfigFileSystem delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<byte[]> read(String path) {
    Optional<byte[]> bytes = delegate.read(path);
    synchronized (this) {
      reads.putIfAbsent(path, bytes.map(byte[]::clone).orElse(ABSENT));
    }
    return bytes;
  }

  @Override
  public boolean isExecutable(String path) {
    boolean executable = delegate.isExecutable(path);
    synchronized (this) {
      executables.putIfAbsent(path, executable);
    }
    return executable;
  }

  @Override
  public List<String> hosts() {
    List<String> listed = List.copyOf(delegate.hosts());
    synchronized (this) {
      if (hosts == null) {
        hosts = listed;
      }
    }
    return listed;
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public java.util.Set<String> inputs() {
    return delegate.inputs();
  }

  /**
   * Whether {@code repository} answers every question asked so far exactly as the observed one
   * did: the same bytes for each file read (absent ones still absent), the same executable bits,
   * the same hosts. Reads every remembered file once; stops at the first difference.
   */
  public synchronized boolean sameAnswers(ConfigFileSystem repository) {
    if (!repository.describe().equals(delegate.describe()) || !repository.inputs().equals(delegate.inputs())) {
      return false;
    }
    for (Map.Entry<String, byte[]> r : reads.entrySet()) {
      Optional<byte[]> now = repository.read(r.getKey());
      boolean same = r.getValue() == ABSENT ? now.isEmpty() : now.isPresent() && Arrays.equals(now.get(), r.getValue());
      if (!same) {
        return false;
      }
    }
    for (Map.Entry<String, Boolean> x : executables.entrySet()) {
      if (repository.isExecutable(x.getKey()) != x.getValue()) {
        return false;
      }
    }
    return hosts == null || hosts.equals(repository.hosts());
  }
}
