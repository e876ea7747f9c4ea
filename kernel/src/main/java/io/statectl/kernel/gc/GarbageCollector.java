package io.statectl.kernel.gc;

import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.InvalidStorePathException;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StoreOptimiser;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Finds and removes the valid store paths that no root reaches, and the entries of the store
 * directory that are not valid paths at all (partial outputs of a killed build, temp entries of a
 * dead process). Knows nothing of generations: the caller names the roots (live generations,
 * configuration snapshots, backups, {@code gcroots}, temp roots).
 *
 * <p>Only the single writer of a store may {@link #collect}, and only while every running command
 * has registered its temp roots (the caller holds the writer lock); {@link #plan} only reads.
 */
public final class GarbageCollector {
  private static final int PATHS_PER_COMMIT = 2000;
  private final Store store;

  public GarbageCollector(Store store) {
    this.store = store;
  }

  /**
   * What a collection would remove, referrers before what they reference, with the total size;
   * {@code strays} are store directory entries that are not valid paths and not rooted.
   */
  public record Plan(List<PathInfo> garbage, long bytes, List<Path> strays) {
    public Plan {
      garbage = List.copyOf(garbage);
      strays = List.copyOf(strays);
    }
  }

  /** How much a collection may free. */
  public sealed interface Limit {
    /** Remove all garbage. */
    record None() implements Limit {}

    /** Stop once at least {@code bytes} are freed; 0 removes nothing. */
    record MaxFreed(long bytes) implements Limit {
      public MaxFreed {
        if (bytes < 0) {
          throw new IllegalArgumentException("--max-freed must not be negative");
        }
      }
    }
  }

  /** What {@link #collect} removed. */
  public record Result(List<StorePath> removed, long bytes, List<Path> strays) {
    public Result {
      removed = List.copyOf(removed);
      strays = List.copyOf(strays);
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
    for (PathInfo info : valid.values()) {
      if (!live.contains(info.path())) {
        garbage.add(info);
      }
    }
    List<PathInfo> ordered = referrersFirst(garbage);
    long bytes = ordered.stream().mapToLong(PathInfo::narSize).sum();
    return new Plan(ordered, bytes, strays(valid.keySet(), Set.copyOf(roots)));
  }

  /**
   * Removes the plan's paths in its order (referrers first, so any prefix leaves the index closed),
   * within {@code limit}, committing the index in large batches; then the strays.
   */
  public Result collect(Plan plan, Limit limit) {
    long max = limit instanceof Limit.MaxFreed m ? m.bytes() : Long.MAX_VALUE;
    List<StorePath> removed = new ArrayList<>();
    long freed = 0;
    List<StorePath> batch = new ArrayList<>();
    for (PathInfo info : plan.garbage()) {
      if (freed >= max) {
        break;
      }
      batch.add(info.path());
      freed += info.narSize();
      if (batch.size() == PATHS_PER_COMMIT) {
        store.deleteAll(batch);
        removed.addAll(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.deleteAll(batch);
      removed.addAll(batch);
    }
    List<Path> strays = new ArrayList<>();
    if (max > 0) {
      for (Path stray : plan.strays()) {
        FileTrees.deleteRecursively(stray);
        strays.add(stray);
      }
      if (!removed.isEmpty()) {
        new StoreOptimiser(store).removeUnusedLinks(); // contents only the deleted paths shared
      }
    }
    return new Result(removed, freed, strays);
  }

  /** As {@link #collect} without a limit. */
  public List<StorePath> collect(Plan plan) {
    return collect(plan, new Limit.None()).removed();
  }

  private static List<PathInfo> referrersFirst(List<PathInfo> garbage) {
    Map<StorePath, Integer> pendingReferrers = new HashMap<>();
    Map<StorePath, PathInfo> byPath = new HashMap<>();
    for (PathInfo info : garbage) {
      byPath.put(info.path(), info);
      pendingReferrers.putIfAbsent(info.path(), 0);
    }
    for (PathInfo info : garbage) {
      for (StorePath ref : info.references()) {
        if (!ref.equals(info.path()) && byPath.containsKey(ref)) {
          pendingReferrers.merge(ref, 1, Integer::sum);
        }
      }
    }
    Deque<PathInfo> ready = new ArrayDeque<>();
    for (PathInfo info : garbage) {
      if (pendingReferrers.get(info.path()) == 0) {
        ready.add(info);
      }
    }
    List<PathInfo> order = new ArrayList<>(garbage.size());
    while (!ready.isEmpty()) {
      PathInfo next = ready.poll();
      order.add(next);
      for (StorePath ref : next.references()) {
        if (!ref.equals(next.path()) && byPath.containsKey(ref) && pendingReferrers.merge(ref, -1, Integer::sum) == 0) {
          ready.add(byPath.get(ref));
        }
      }
    }
    return order; // the index refuses reference cycles, so every path is ordered
  }

  /**
   * Entries of the store directory that are not valid and not rooted: a path name that is not
   * registered (a killed build's partial output) or a temp entry of a process that is gone.
   * {@code .links} (the optimiser's) and this process's own temp entries are never strays.
   */
  private List<Path> strays(Set<StorePath> valid, Set<StorePath> roots) {
    List<Path> strays = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(store.directory())) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        if (name.startsWith(".")) {
          if (Store.isLeftover(name)) {
            strays.add(e);
          }
          continue;
        }
        try {
          StorePath p = StorePath.parse(name);
          if (!valid.contains(p) && !roots.contains(p) && !store.isValid(p)) {
            strays.add(e);
          }
        } catch (InvalidStorePathException notAPath) {
          // not ours to judge: left alone
        }
      }
    } catch (IOException e) {
      throw new StoreIoException(store.directory(), "list the store directory", e);
    }
    strays.sort(null);
    return strays;
  }
}
