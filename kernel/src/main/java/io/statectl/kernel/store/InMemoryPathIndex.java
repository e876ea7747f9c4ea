package io.statectl.kernel.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A {@link PathIndex} held in memory, for tests and throw-away stores; it forgets everything when
 * the process ends. Every method takes one lock, which gives the atomicity the contract asks.
 */
public final class InMemoryPathIndex implements PathIndex {
  private final Map<String, PathInfo> byHash = new HashMap<>();
  private final Map<StorePath, SortedSet<StorePath>> referrers = new HashMap<>();

  @Override
  public synchronized Optional<PathInfo> get(StorePath path) {
    return Optional.ofNullable(byHash.get(path.hash())).filter(i -> i.path().equals(path));
  }

  @Override
  public synchronized boolean isValid(StorePath path) {
    return get(path).isPresent();
  }

  @Override
  public synchronized Optional<StorePath> byHashPart(String hashPart) {
    return Optional.ofNullable(byHash.get(hashPart)).map(PathInfo::path);
  }

  @Override
  public synchronized void register(List<PathInfo> batch) {
    Registrations.check(batch, this::byHashPart);
    for (PathInfo info : batch) {
      PathInfo old = byHash.put(info.path().hash(), info);
      if (old != null) {
        old.references().forEach(ref -> edgesTo(ref).remove(old.path()));
      }
      info.references().forEach(ref -> edgesTo(ref).add(info.path()));
    }
  }

  @Override
  public synchronized Set<StorePath> referrers(StorePath path) {
    SortedSet<StorePath> edges = referrers.get(path);
    return edges == null
        ? Collections.emptySortedSet()
        : Collections.unmodifiableSortedSet(new TreeSet<>(edges));
  }

  @Override
  public synchronized List<PathInfo> all() {
    List<PathInfo> infos = new ArrayList<>(byHash.values());
    infos.sort((a, b) -> a.path().compareTo(b.path()));
    return List.copyOf(infos);
  }

  @Override
  public synchronized void invalidate(StorePath path) {
    Optional<PathInfo> info = get(path);
    if (info.isEmpty()) {
      return;
    }
    Set<StorePath> others = new TreeSet<>(referrers(path));
    others.remove(path);
    if (!others.isEmpty()) {
      throw new PathInUseException(path, others);
    }
    info.get().references().forEach(ref -> edgesTo(ref).remove(path));
    referrers.remove(path);
    byHash.remove(path.hash());
    referrers.values().removeIf(Set::isEmpty);
  }

  /** Does nothing: there is nothing to release. */
  @Override
  public void close() {}

  private SortedSet<StorePath> edgesTo(StorePath reference) {
    return referrers.computeIfAbsent(reference, r -> new TreeSet<>());
  }
}
