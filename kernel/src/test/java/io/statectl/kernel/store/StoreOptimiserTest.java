package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.statectl.kernel.gc.GarbageCollector;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreOptimiserTest {
  @TempDir Path tmp;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(tmp.resolve("store"), LmdbPathIndex.open(tmp.resolve("db")), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
    FileTrees.deleteRecursively(tmp.resolve("store"));
  }

  private StorePath tree(String name, String shared, boolean exec) throws Exception {
    Path src = Files.createDirectories(tmp.resolve(name + "/sub"));
    Files.writeString(src.resolve("shared.txt"), shared);
    Path x = Files.writeString(src.resolve("tool"), "#!/bin/sh\necho same bytes\n");
    if (exec) {
      Files.setPosixFilePermissions(x, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(src.resolve("own.txt"), name);
    return store.addSource(tmp.resolve(name), name);
  }

  private static Object inode(Path p) throws Exception {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void identicalFilesAreLinked_filesDifferingInModeAreNot_contentsStayVerified_andARerunLinksNothing() throws Exception {
    String shared = "x".repeat(5000);
    StorePath a = tree("a", shared, false);
    StorePath b = tree("b", shared, true);
    StoreOptimiser.Result r = new StoreOptimiser(store).optimiseAll();
    assertEquals(1, r.filesLinked());
    assertEquals(5000, r.bytesSaved());
    assertEquals(inode(store.toFile(a).resolve("sub/shared.txt")), inode(store.toFile(b).resolve("sub/shared.txt")));
    assertNotEquals(inode(store.toFile(a).resolve("sub/tool")), inode(store.toFile(b).resolve("sub/tool")),
        "same bytes, other mode: not linked");
    assertEquals(PosixFilePermissions.fromString("r-xr-xr-x"),
        Files.getPosixFilePermissions(store.toFile(b).resolve("sub"), LinkOption.NOFOLLOW_LINKS),
        "the directory is read-only again");
    assertEquals(List.of(), new StoreVerifier(store).verify(StoreVerifier.Contents.CHECK, Set.of()));
    assertEquals(new StoreOptimiser.Result(0, 0), new StoreOptimiser(store).optimiseAll());

    new GarbageCollector(store).collect(new GarbageCollector(store).plan(List.of()));
    try (var links = Files.list(store.directory().resolve(".links"))) {
      assertEquals(List.of(), links.toList(), "gc drops .links entries nothing shares any more");
    }
  }
}
