package io.statectl.kernel.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The checks every {@link PathIndex} makes before registering a batch, shared. */
final class Registrations {
  private Registrations() {}

  /**
   * Checks {@code batch} against the paths already valid.
   *
   * @param validByHashPart looks up the currently valid path with a hash part
   * @throws UnknownReferenceException if a reference is neither valid nor in the batch
   * @throws IllegalArgumentException on duplicates or a hash part valid under another name
   */
  static void check(List<PathInfo> batch, Function<String, Optional<StorePath>> validByHashPart) {
    Map<String, StorePath> inBatch = new HashMap<>();
    for (PathInfo info : batch) {
      StorePath path = info.path();
      if (inBatch.put(path.hash(), path) != null) {
        throw new IllegalArgumentException(
            "hash part of " + path + " appears twice in one registration batch");
      }
      validByHashPart
          .apply(path.hash())
          .filter(existing -> !existing.equals(path))
          .ifPresent(
              existing -> {
                throw new IllegalArgumentException(
                    "cannot register " + path + ": its hash part is already valid as " + existing);
              });
    }
    for (PathInfo info : batch) {
      for (StorePath reference : info.references()) {
        boolean known =
            reference.equals(inBatch.get(reference.hash()))
                || validByHashPart.apply(reference.hash()).filter(reference::equals).isPresent();
        if (!known) {
          throw new UnknownReferenceException(info.path(), reference);
        }
      }
    }
  }
}
