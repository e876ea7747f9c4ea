package io.statectl.shell.engine;

import io.statectl.api.Platform;
import io.statectl.kernel.config.ConfigFileSystem;
import io.statectl.kernel.config.ObservingConfigFileSystem;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.ModuleRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clean evaluations a resident server made, reused while nothing they read changed: keyed by the
 * loaded modules (the same plugin set object), the configuration directory, host and platform, and
 * valid while re-reading every file the evaluation asked for gives the same bytes (and the same
 * answers to "absent?", "executable?" and the host list). Evaluation reaches the repository only
 * through its {@link ConfigFileSystem} port, so a hit is as good as evaluating again. The reused
 * {@link Evaluation.Success} is the same object, which lets later steps memoise on it. Thread-safe.
 */
interface EvaluationMemo {

  /** An earlier clean evaluation whose inputs are unchanged in {@code files}, if any. */
  Optional<Evaluation.Success> lookup(ModuleRegistry modules, Path dir, String host, Optional<Platform> platform,
      ConfigFileSystem files);

  void remember(ModuleRegistry modules, Path dir, String host, Optional<Platform> platform,
      ObservingConfigFileSystem.Observations read, Evaluation.Success result);

  /** Remembers nothing: a CLI process evaluates once. */
  EvaluationMemo NONE = new EvaluationMemo() {
    @Override
    public Optional<Evaluation.Success> lookup(ModuleRegistry modules, Path dir, String host,
        Optional<Platform> platform, ConfigFileSystem files) {
      return Optional.empty();
    }

    @Override
    public void remember(ModuleRegistry modules, Path dir, String host, Optional<Platform> platform,
        ObservingConfigFileSystem.Observations read, Evaluation.Success result) {}
  };

  /** Remembers the last clean evaluation per key, in memory, for the life of the process. */
  static EvaluationMemo inMemory() {
    record Entry(ObservingConfigFileSystem.Observations read, Evaluation.Success result) {}
    // Keys hold the module registry itself: a plugin set loaded anew is another key.
    Map<List<Object>, Entry> entries = new ConcurrentHashMap<>();
    return new EvaluationMemo() {
      @Override
      public Optional<Evaluation.Success> lookup(ModuleRegistry modules, Path dir, String host,
          Optional<Platform> platform, ConfigFileSystem files) {
        Entry e = entries.get(List.of(new Identity(modules), dir, host, platform));
        return e != null && e.read().unchangedIn(files) ? Optional.of(e.result()) : Optional.empty();
      }

      @Override
      public void remember(ModuleRegistry modules, Path dir, String host, Optional<Platform> platform,
          ObservingConfigFileSystem.Observations read, Evaluation.Success result) {
        entries.put(List.of(new Identity(modules), dir, host, platform), new Entry(read, result));
      }
    };
  }

  /** Compares by identity, whatever the object's own {@code equals}. */
  record Identity(Object of) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.of == of;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(of);
    }
  }
}
