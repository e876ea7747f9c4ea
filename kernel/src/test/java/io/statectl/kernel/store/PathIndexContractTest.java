package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link PathIndex} contract; every implementation's test extends this. */
abstract class PathIndexContractTest {
  static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123456789Z");

  PathIndex index;

  /** Returns a fresh, empty index. */
  abstract PathIndex newIndex() throws Exception;

  @BeforeEach
  void open() throws Exception {
    index = newIndex();
  }

  @AfterEach
  void close() {
    index.close();
  }

  static StorePath path(String name) {
    return StorePath.contentAddressed(Hash.of(name), List.of(), "/store", name);
  }

  static PathInfo info(StorePath path, StorePath... references) {
    return PathInfo.of(path, new NarDigest(Hash.of(path.toString()), 120), List.of(references), T0);
  }

  @Test
  void get_ofUnknownPath_isEmpty() {
    StorePath a = path("a");
    assertEquals(Optional.empty(), index.get(a));
    assertFalse(index.isValid(a));
    assertEquals(Optional.empty(), index.byHashPart(a.hash()));
    assertEquals(Set.of(), index.referrers(a));
    assertEquals(List.of(), index.all());
  }

  @Test
  void register_makesPathValidWithAllItsInfo() {
    StorePath a = path("a");
    StorePath drv = path("a.drv");
    PathInfo full =
        info(a)
            .withDeriver(drv)
            .withSignatures(List.of("cache-1:c2lnbmF0dXJl"))
            .withCa("fixed:r:" + Hash.of("a"));
    index.register(List.of(full));

    assertEquals(Optional.of(full), index.get(a));
    assertTrue(index.isValid(a));
    assertEquals(Optional.of(a), index.byHashPart(a.hash()));
  }

  @Test
  void get_withSameHashButOtherName_isEmpty() {
    StorePath a = path("a");
    index.register(List.of(info(a)));
    assertFalse(index.isValid(new StorePath(a.hash(), "other")));
  }

  @Test
  void register_acceptsReferencesToValidPathsAndWithinTheBatch() {
    StorePath lib = path("lib");
    StorePath app = path("app");
    StorePath tool = path("tool");
    index.register(List.of(info(lib)));
    index.register(List.of(info(tool, app, lib), info(app, lib)));

    assertEquals(Set.of(app, tool), index.referrers(lib));
    assertEquals(Set.of(tool), index.referrers(app));
    assertEquals(Set.of(lib, app), index.get(tool).orElseThrow().references());
  }

  @Test
  void register_rejectsUnknownReferenceAndRegistersNothingOfTheBatch() {
    StorePath ok = path("ok");
    StorePath bad = path("bad");
    StorePath missing = path("missing");
    UnknownReferenceException e =
        assertThrows(
            UnknownReferenceException.class,
            () -> index.register(List.of(info(ok), info(bad, missing))));
    assertEquals(bad, e.path());
    assertEquals(missing, e.reference());
    assertFalse(index.isValid(ok));
    assertFalse(index.isValid(bad));
    assertEquals(List.of(), index.all());
  }

  @Test
  void register_rejectsDuplicatesInOneBatch() {
    StorePath a = path("a");
    assertThrows(IllegalArgumentException.class, () -> index.register(List.of(info(a), info(a))));
    assertFalse(index.isValid(a));
  }

  @Test
  void register_again_replacesInfoAndReindexesReferences() {
    StorePath lib = path("lib");
    StorePath other = path("other");
    StorePath app = path("app");
    index.register(List.of(info(lib), info(other), info(app, lib)));
    index.register(List.of(info(app, other)));

    assertEquals(Set.of(), index.referrers(lib));
    assertEquals(Set.of(app), index.referrers(other));
    assertEquals(3, index.all().size());
  }

  @Test
  void all_isSortedByPath() {
    List<StorePath> paths = List.of(path("c"), path("a"), path("b"), path("d"));
    index.register(paths.stream().map(PathIndexContractTest::info).toList());
    List<StorePath> listed = index.all().stream().map(PathInfo::path).toList();
    assertEquals(paths.stream().sorted().toList(), listed);
  }

  @Test
  void invalidate_isRefusedWhileReferenced() {
    StorePath lib = path("lib");
    StorePath app = path("app");
    index.register(List.of(info(lib), info(app, lib)));

    PathInUseException e = assertThrows(PathInUseException.class, () -> index.invalidate(lib));
    assertEquals(lib, e.path());
    assertEquals(Set.of(app), e.referrers());
    assertTrue(index.isValid(lib));

    index.invalidate(app);
    index.invalidate(lib);
    assertFalse(index.isValid(app));
    assertFalse(index.isValid(lib));
    assertEquals(Set.of(), index.referrers(lib));
    assertEquals(List.of(), index.all());
  }

  @Test
  void invalidate_allowsSelfReference() {
    StorePath self = path("self");
    index.register(List.of(info(self, self)));
    assertEquals(Set.of(self), index.referrers(self));
    index.invalidate(self);
    assertFalse(index.isValid(self));
  }

  @Test
  void invalidate_ofUnknownPath_doesNothing() {
    index.invalidate(path("never"));
    assertEquals(List.of(), index.all());
  }

  @Test
  void register_fromManyThreads_losesNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures =
          java.util.stream.IntStream.range(0, 40)
              .mapToObj(i -> pool.submit(() -> index.register(List.of(info(path("p" + i))))))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(40, index.all().size());
  }
}
