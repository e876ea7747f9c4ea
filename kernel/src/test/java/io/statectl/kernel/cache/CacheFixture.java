package io.statectl.kernel.cache;

import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.LmdbPathIndex;
import io.statectl.kernel.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/** A store that can be wiped and reopened at the same directory: a second machine with the same store path. */
final class CacheFixture implements AutoCloseable {
  final Path state;
  Store store;

  CacheFixture(Path state) {
    this.state = state;
    open();
  }

  void open() {
    store = Store.open(state.resolve("store"), LmdbPathIndex.open(state.resolve("db")), Clock.systemUTC());
  }

  /** Forgets everything: the next store at this directory shares nothing with the last. */
  void wipe() {
    store.close();
    FileTrees.deleteRecursively(state);
    open();
  }

  String storeDir() {
    return store.directory().toString();
  }

  /** Names of entries in the store directory that are not valid paths (temp leftovers, garbage). */
  java.util.List<String> strays() throws IOException {
    try (Stream<Path> s = Files.list(store.directory())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> {
            try {
              return !store.isValid(io.statectl.kernel.store.StorePath.parse(n));
            } catch (RuntimeException e) {
              return true;
            }
          }).toList();
    }
  }

  @Override
  public void close() {
    store.close();
    if (Files.exists(state)) {
      FileTrees.deleteRecursively(state);
    }
  }
}
