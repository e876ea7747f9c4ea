package io.statectl.kernel.gc;

import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds and removes the valid store paths that no root reaches. Knows nothing of generations:
 * the caller names the roots (live generations, configuration snapshots, backups).
 *
 * <p>Only the single writer of a store may {@link #collect}; {@link #plan} only reads.
 */
public final class GarbageCollector {
  private final Store store;

  public GarbageCollector(Store store) {
    this.store = store;
  }

  /** What a collection would remove, and its size. */
  public record Plan(List<PathInfo> garbage, long bytes) {
    public Plan {
      garbage = List.copyOf(garbage);
    }
  }

  /** Every valid path outside the closure of {@code roots} (roots that are not valid are ignored). */
  public Plan plan(Collection<StorePath> roots) {
    Map<StorePath, PathInfo> valid = new TreeMap<>();
    for (PathInfo info : store.validPaths()) {
      valid.put(info.path(), info);
    }
    Set<StorePath> live = new HashSet<>();
    Deque<StorePath> pending = new ArrayDeque<>(roots);
    while (!pending.isEmpty()) {
      StorePath p = pending.pop();
      PathInfo info = valid.get(p);
      if (info != null && live.add(p)) {
        pending.addAll(info.references());
      }
    }
    List<PathInfo> garbage = new ArrayList<>();
    long bytes = 0;
    for (PathInfo info : valid.values()) {
      if (!live.contains(info.path())) {
        garbage.add(info);
        bytes += info.narSize();
      }
    }
    return new Plan(garbage, bytes);
  }

  /**
   * Removes the plan's paths, referrers before what they reference (the index refuses to
   * invalidate a path still referenced).
   *
   * @return the removed paths, in removal order
   */
  public List<StorePath> collect(Plan plan) {
    Map<StorePath, Set<StorePath>> referrers = new HashMap<>();
    Set<StorePath> remaining = new HashSet<>();
    for (PathInfo info : plan.garbage()) {
      remaining.add(info.path());
    }
    for (PathInfo info : plan.garbage()) {
      for (StorePath ref : info.references()) {
        if (!ref.equals(info.path()) && remaining.contains(ref)) {
          referrers.computeIfAbsent(ref, k -> new HashSet<>()).add(info.path());
        }
      }
    }
    List<StorePath> removed = new ArrayList<>();
    boolean progress = true;
    while (!remaining.isEmpty() && progress) {
      progress = false;
      for (PathInfo info : plan.garbage()) {
        StorePath p = info.path();
        if (remaining.contains(p) && referrers.getOrDefault(p, Set.of()).stream().noneMatch(remaining::contains)) {
          store.delete(p);
          remaining.remove(p);
          removed.add(p);
          progress = true;
        }
      }
    }
    return removed;
  }
}
