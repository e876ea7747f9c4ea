package io.statectl.kernel.eval;

import io.statectl.api.Platform;
import io.statectl.kernel.config.ConfigFileSystem;
import io.statectl.kernel.config.ObservingConfigFileSystem;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers clean evaluations of one set of modules together with every answer the repository
 * gave them, so that evaluating the same host of an unchanged repository again (a no-op apply in
 * a resident server) returns the remembered result instead of parsing, merging and contributing
 * anew. Evaluation is a function of the modules, the host, the platform and the repository's
 * answers alone (it reaches files only through {@link ConfigFileSystem}, and modules are
 * stateless and never touch the file system), so a hit — every file read still has the same
 * bytes, every absent one is still absent — is as good as evaluating. Failed evaluations are not
 * remembered. Thread-safe.
 */
public interface EvaluationMemo {

  /** Which evaluation: the repository as described by its port, the host and a forced platform. */
  record Key(String repository, String host, Optional<Platform> platformOverride) {
    public Key {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(platformOverride, "platformOverride");
    }

    public static Key of(ConfigFileSystem repository, String host, Optional<Platform> platformOverride) {
      return new Key(repository.describe(), host, platformOverride);
    }
  }

  /**
   * The evaluation remembered for {@code key}, if {@code repository} still gives every answer it
   * gave then (this reads each file the evaluation read); else empty.
   */
  Optional<Evaluation.Success> lookup(Key key, ConfigFileSystem repository);

  /** Remembers {@code evaluation}, made from the answers {@code observed}, for {@code key}. */
  void remember(Key key, Evaluation.Success evaluation, ObservingConfigFileSystem observed);

  /** Remembers nothing: every evaluation runs (a CLI process that evaluates once). */
  EvaluationMemo NONE = new EvaluationMemo() {
    @Override
    public Optional<Evaluation.Success> lookup(Key key, ConfigFileSystem repository) {
      return Optional.empty();
    }

    @Override
    public void remember(Key key, Evaluation.Success evaluation, ObservingConfigFileSystem observed) {}
  };

  /** Remembers the latest evaluation per key in memory, for the life of the process (at most {@code 32} keys). */
  static EvaluationMemo inMemory() {
    record Remembered(Evaluation.Success evaluation, ObservingConfigFileSystem observed) {}
    Map<Key, Remembered> entries = new ConcurrentHashMap<>();
    return new EvaluationMemo() {
      @Override
      public Optional<Evaluation.Success> lookup(Key key, ConfigFileSystem repository) {
        Remembered r = entries.get(key);
        return r != null && r.observed().sameAnswers(repository) ? Optional.of(r.evaluation()) : Optional.empty();
      }

      @Override
      public void remember(Key key, Evaluation.Success evaluation, ObservingConfigFileSystem observed) {
        if (entries.size() >= 32 && !entries.containsKey(key)) {
          entries.clear(); // many configurations in one server: start over rather than grow
        }
        entries.put(key, new Remembered(evaluation, observed));
      }
    };
  }
}
