package io.statectl.shell.engine.build;

import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.store.StorePath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The derivations a resident server stored for a package set, so that building the same evaluated
 * configuration again (a no-op build) skips rewriting and rehashing every {@code .drv}. Keyed by
 * the {@link io.statectl.kernel.eval.Evaluation.Success} object itself (the server reuses it while
 * the configuration's files are unchanged, {@link io.statectl.kernel.eval.EvaluationMemo}), the repository, the bootstrap
 * tools' path and the packages asked for; the caller checks that every remembered derivation is
 * still valid before using it, and memoises only package sets that read nothing from the
 * repository outside evaluation (no local sources or patches). One entry per repository and
 * request; thread-safe.
 */
public final class InstantiationMemo {
  /** What instantiation produced: the {@code .drv} of each package, and every derivation it made or read. */
  record Result(Map<String, StorePath> drvs, Map<StorePath, Derivation> derivations) {
    Result {
      drvs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(drvs));
      derivations = Map.copyOf(derivations);
    }
  }

  private record Entry(Identity evaluation, StorePath bootstrap, Result result) {}

  private final Map<List<Object>, Entry> entries = new ConcurrentHashMap<>();

  /** Remembers nothing (a CLI process): lookups miss, remembering is a no-op. */
  public static final InstantiationMemo NONE = new InstantiationMemo();

  Optional<Result> lookup(Object evaluation, java.nio.file.Path repository, List<String> names, StorePath bootstrap) {
    Entry e = entries.get(List.of(repository, List.copyOf(names)));
    return e != null && e.evaluation().equals(new Identity(evaluation)) && e.bootstrap().equals(bootstrap)
        ? Optional.of(e.result()) : Optional.empty();
  }

  void remember(Object evaluation, java.nio.file.Path repository, List<String> names, StorePath bootstrap,
      Result result) {
    if (this == NONE) {
      return;
    }
    entries.put(List.of(repository, List.copyOf(names)),
        new Entry(new Identity(evaluation), bootstrap, result));
  }

  /** Compares by identity, whatever the object's own {@code equals} (an evaluation is a large record). */
  private record Identity(Object of) {
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
