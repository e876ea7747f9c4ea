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
    assertEquals(List.of(oldApp, oldLib), plan.garbage().stream().map(PathInfo::path).toList(),
        "the plan is in removal order: referrers first");
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

  @Test
  void maxFreedZero_removesNothing_andASmallLimitStopsAfterReachingIt_referrersFirst() {
    StorePath lib = add("lib", "a library");
    StorePath app = add("app", "uses " + store.toFile(lib));
    add("other", "unrelated garbage");
    GarbageCollector gc = new GarbageCollector(store);
    GarbageCollector.Plan plan = gc.plan(List.of());
    GarbageCollector.Result none = gc.collect(plan, new GarbageCollector.Limit.MaxFreed(0));
    assertEquals(List.of(), none.removed());
    assertEquals(3, store.validPaths().size());

    GarbageCollector.Result one = gc.collect(plan, new GarbageCollector.Limit.MaxFreed(1));
    assertEquals(1, one.removed().size());
    assertTrue(store.isValid(lib), "the first removal is never a path something else still references");
    assertEquals(plan.garbage().get(0).narSize(), one.bytes());
  }

  @Test
  void unregisteredEntries_andTempEntriesOfDeadProcesses_areStrays_butRootedOnesAndOwnTempEntriesAreKept()
      throws Exception {
    Path partial = Files.createDirectory(store.directory().resolve("0123456789abcdfghijklmnpqrsvwxyz-partial"));
    Files.writeString(partial.resolve("half"), "half written by a killed build");
    Path building = Files.createDirectory(store.directory().resolve("1123456789abcdfghijklmnpqrsvwxyz-building"));
    Path deadTemp = Files.createDirectory(store.directory().resolve(".tmp-999999999-abcdef"));
    Path ownTemp = Files.createDirectory(store.directory().resolve(".tmp-" + ProcessHandle.current().pid() + "-abc"));
    Path links = Files.createDirectory(store.directory().resolve(".links"));
    GarbageCollector gc = new GarbageCollector(store);
    GarbageCollector.Plan plan = gc.plan(List.of(StorePath.parse(building.getFileName().toString())));
    assertEquals(List.of(deadTemp, partial).stream().sorted().toList(), plan.strays());
    GarbageCollector.Result r = gc.collect(plan, new GarbageCollector.Limit.None());
    assertEquals(2, r.strays().size());
    assertFalse(Files.exists(partial));
    assertFalse(Files.exists(deadTemp));
    assertTrue(Files.exists(building), "a temp-rooted output being built is not garbage");
    assertTrue(Files.exists(ownTemp) && Files.exists(links));
  }
}
