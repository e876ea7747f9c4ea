package io.statectl.kernel.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The record of which store paths are valid and what is known about them; a path is valid
 * exactly when its {@link PathInfo} is registered here.
 *
 * <p>Contract for every implementation:
 *
 * <ul>
 *   <li><b>Thread safety</b>: every method may be called from any thread, concurrently.
 *   <li><b>Visibility</b>: {@link #register} and {@link #invalidate} are atomic; once they return,
 *       every later call on any thread sees their whole effect, and no call ever sees part of a
 *       batch. A persistent implementation has made the change durable before returning.
 *   <li><b>Absence</b>: an unknown path gives {@link Optional#empty()}, {@code false} or an empty
 *       set, never {@code null} and never an exception.
 *   <li><b>Closure invariant</b>: every reference of a valid path is valid. {@link #register}
 *       refuses batches that would break it, and {@link #invalidate} refuses paths still
 *       referenced.
 * </ul>
 *
 * <p>Paths are keyed by their hash part: two valid paths never share one.
 */
public interface PathIndex extends AutoCloseable {

  /** Returns the info of {@code path} if it is valid. */
  Optional<PathInfo> get(StorePath path);

  /** Returns whether {@code path} is valid (registered). */
  boolean isValid(StorePath path);

  /** Returns whether every one of {@code paths} is valid, as of one moment (one read, where the index has them). */
  default boolean allValid(java.util.Collection<StorePath> paths) {
    for (StorePath p : paths) {
      if (!isValid(p)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the valid path whose hash part is {@code hashPart}, if any; used by the reference
   * scanner, which only sees hash parts.
   */
  Optional<StorePath> byHashPart(String hashPart);

  /**
   * Makes every path in {@code batch} valid, in one atomic step. A path that is already valid gets
   * its info replaced (and its references re-indexed).
   *
   * @throws UnknownReferenceException if a reference is neither valid nor in {@code batch}; then
   *     nothing of the batch is registered
   * @throws IllegalArgumentException if {@code batch} names a path twice, or a path whose hash
   *     part is valid under another name
   */
  void register(List<PathInfo> batch);

  /**
   * Returns the valid paths that reference {@code path}; this includes {@code path} itself when it
   * references itself.
   */
  Set<StorePath> referrers(StorePath path);

  /** Returns the info of every valid path, sorted by path. */
  List<PathInfo> all();

  /**
   * Makes {@code path} invalid (its files become garbage); does nothing if it is not valid.
   *
   * @throws PathInUseException if another valid path references it (a self-reference does not
   *     count); invalidate referrers first
   */
  void invalidate(StorePath path);

  /**
   * Makes every path of {@code batch} invalid, atomically: references among the batch do not count
   * as uses. Paths not valid are skipped.
   *
   * @throws PathInUseException if a valid path outside {@code batch} references one of them; then
   *     nothing is invalidated
   */
  default void invalidateAll(List<StorePath> batch) {
    for (StorePath path : batch) {
      java.util.Set<StorePath> others = new java.util.TreeSet<>(referrers(path));
      others.remove(path);
      others.removeAll(batch);
      if (!others.isEmpty()) {
        throw new PathInUseException(path, new java.util.TreeSet<>(others));
      }
    }
    // referrers first, so the single-path contract holds at every step
    java.util.List<StorePath> order = new java.util.ArrayList<>(batch);
    java.util.Collections.reverse(order);
    java.util.Set<StorePath> left = new java.util.HashSet<>(batch);
    boolean progress = true;
    while (!left.isEmpty() && progress) {
      progress = false;
      for (StorePath p : order) {
        if (left.contains(p) && referrers(p).stream().noneMatch(r -> !r.equals(p) && left.contains(r))) {
          invalidate(p);
          left.remove(p);
          progress = true;
        }
      }
    }
  }

  /** Releases the index's resources; no method may be called afterwards. */
  @Override
  void close();
}
