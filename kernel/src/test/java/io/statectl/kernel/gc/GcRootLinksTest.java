package io.statectl.kernel.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.InMemoryPathIndex;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcRootLinksTest {
  @TempDir Path tmp;
  Store store;
  GcRootLinks links;

  @BeforeEach
  void open() {
    store = Store.open(tmp.resolve("store"), new InMemoryPathIndex(), Clock.systemUTC());
    links = new GcRootLinks(tmp.resolve("gcroots"), store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  StorePath add(String name) {
    return store.addBytes(name, name.getBytes(StandardCharsets.UTF_8), EntryMode.REGULAR);
  }

  @Test
  void anOutLink_isARootUntilRemoved() throws Exception {
    StorePath p = add("p");
    Path result = tmp.resolve("work/result");
    Files.createDirectories(result.getParent());
    links.addOutLink(result, p);
    assertEquals(store.toFile(p), Files.readSymbolicLink(result));
    List<GcRootLinks.Link> roots = links.list();
    assertEquals(1, roots.size());
    assertEquals(p, roots.get(0).path());
    assertEquals(Optional.of(result), roots.get(0).outLink());

    Files.delete(result);
    assertEquals(List.of(), links.list(), "the out-link is gone: so is the root");
    try (var auto = Files.list(tmp.resolve("gcroots/auto"))) {
      assertTrue(auto.findAny().isEmpty(), "and its auto entry is deleted");
    }
  }

  @Test
  void aRePointedOutLink_rootsOnlyItsNewTarget_andOneOutsideTheStoreRootsNothing() throws Exception {
    StorePath a = add("a");
    StorePath b = add("b");
    Path result = tmp.resolve("result");
    links.addOutLink(result, a);
    links.addOutLink(result, b);
    assertEquals(List.of(b), links.list().stream().map(GcRootLinks.Link::path).toList());
    Files.delete(result);
    Files.createSymbolicLink(result, tmp.resolve("elsewhere"));
    assertEquals(List.of(), links.list());
  }

  @Test
  void aDirectRoot_isListed_andAnOccupiedOutLinkIsRefusedWithNothingChanged() throws Exception {
    StorePath a = add("a");
    links.addDirect("pinned", a);
    assertEquals(List.of(a), links.list().stream().map(GcRootLinks.Link::path).toList());
    Path file = Files.writeString(tmp.resolve("result"), "mine");
    OutLinkOccupiedException e = assertThrows(OutLinkOccupiedException.class, () -> links.addOutLink(file, a));
    assertEquals(file, e.path());
    assertEquals("mine", Files.readString(file));
    assertEquals(1, links.list().size());
  }
}
