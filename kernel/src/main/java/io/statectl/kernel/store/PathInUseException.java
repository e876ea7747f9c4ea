package io.statectl.kernel.store;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A path cannot be invalidated because other valid paths still reference it. */
public final class PathInUseException extends StoreException {
  private final StorePath path;
  private final transient Set<StorePath> referrers;

  public PathInUseException(StorePath path, Set<StorePath> referrers) {
    super(
        "Cannot invalidate '"
            + path
            + "': it is still referenced by "
            + referrers
            + ". Invalidate those referrers first (garbage collection does this in order).");
    this.path = path;
    this.referrers = Collections.unmodifiableSortedSet(new TreeSet<>(referrers));
  }

  /** The path that was to be invalidated. */
  public StorePath path() {
    return path;
  }

  /** The valid paths, other than itself, that reference it. */
  public Set<StorePath> referrers() {
    return referrers;
  }
}
