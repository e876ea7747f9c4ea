package io.statectl.kernel.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.InMemoryPathIndex;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
  @TempDir Path tmp;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(tmp.resolve("store"), new InMemoryPathIndex(), Clock.systemUTC());
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    try (var s = Files.walk(tmp)) {
      s.forEach(p -> p.toFile().setWritable(true));
    }
  }

  StorePath add(String name, String content) {
    return store.addBytes(name, content.getBytes(StandardCharsets.UTF_8), EntryMode.REGULAR);
  }

  @Test
  void plan_keepsTheClosureOfRoots_andCollect_removesTheRestReferrersFirst() {
    StorePath lib = add("lib", "a library");
    StorePath app = add("app", "uses " + store.toFile(lib));
    StorePath oldLib = add("old-lib", "an old library");
    StorePath oldApp = add("old-app", "uses " + store.toFile(oldLib));
    assertEquals(List.of(oldLib), List.copyOf(store.pathInfo(oldApp).orElseThrow().references()));

    GarbageCollector gc = new GarbageCollector(store);
    GarbageCollector.Plan plan = gc.plan(List.of(app));
    assertEquals(List.of(oldApp, oldLib).stream().sorted().toList(),
        plan.garbage().stream().map(PathInfo::path).toList());
    assertEquals(plan.garbage().stream().mapToLong(PathInfo::narSize).sum(), plan.bytes());

    List<StorePath> removed = gc.collect(plan);
    assertEquals(List.of(oldApp, oldLib), removed, "the referrer goes first: the index refuses the other order");
    assertFalse(store.isValid(oldLib));
    assertFalse(Files.exists(store.toFile(oldApp)));
    assertTrue(store.isValid(lib) && store.isValid(app));
    assertTrue(gc.plan(List.of(app)).garbage().isEmpty());
  }

  @Test
  void rootsThatAreNotValid_areIgnored() {
    StorePath kept = add("kept", "x");
    StorePath gone = add("gone", "y");
    GarbageCollector gc = new GarbageCollector(store);
    gc.collect(gc.plan(List.of(gone)));
    assertFalse(store.isValid(kept));
    assertTrue(gc.plan(List.of(gone)).garbage().isEmpty());
  }
}
