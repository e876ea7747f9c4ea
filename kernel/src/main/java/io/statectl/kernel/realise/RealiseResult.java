package io.statectl.kernel.realise;

import io.statectl.kernel.store.StorePath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a realisation did.
 *
 * @param status how each derivation that needed building ended
 * @param built how many derivations this process built
 * @param alreadyValid how many requested or needed derivations were valid already
 * @param failures why each failed derivation failed
 */
public record RealiseResult(Map<StorePath, DagScheduler.Status> status, int built, int alreadyValid,
    List<BuildFailure> failures) {
  public RealiseResult {
    status = Collections.unmodifiableMap(new LinkedHashMap<>(status));
    failures = List.copyOf(failures);
  }

  public boolean ok() {
    return status.values().stream().allMatch(s -> s == DagScheduler.Status.SUCCEEDED);
  }
}
