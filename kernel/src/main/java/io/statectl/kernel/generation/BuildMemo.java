package io.statectl.kernel.generation;

import io.statectl.kernel.store.StorePath;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which store path a tree of known content became, so that building the same content
 * again (a no-op apply in a resident server) skips writing, canonicalising and hashing it. Keys
 * are SHA-256 digests of everything the tree is made of, so a hit is as good as a rebuild; the
 * builder still checks that the path is valid in the store before using it. Thread-safe.
 */
public interface BuildMemo {

  /** The path remembered for {@code key}, if any. */
  Optional<StorePath> lookup(String key);

  void remember(String key, StorePath path);

  /** Remembers nothing: every build writes its tree (a CLI process that builds once). */
  BuildMemo NONE = new BuildMemo() {
    @Override
    public Optional<StorePath> lookup(String key) {
      return Optional.empty();
    }

    @Override
    public void remember(String key, StorePath path) {}
  };

  /** Remembers in memory, for the life of the process. */
  static BuildMemo inMemory() {
    Map<String, StorePath> paths = new ConcurrentHashMap<>();
    return new BuildMemo() {
      @Override
      public Optional<StorePath> lookup(String key) {
        return Optional.ofNullable(paths.get(key));
      }

      @Override
      public void remember(String key, StorePath path) {
        paths.put(key, path);
      }
    };
  }
}
