package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  @TempDir Path tmp;
  Path storeDir;
  Path dbDir;
  PathIndex index;
  Store store;
  final MutableClock clock = new MutableClock(T0);

  /** A clock the test moves by hand, so registration times are checkable. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void openStore() {
    storeDir = tmp.resolve("state/store");
    dbDir = tmp.resolve("state/db");
    index = LmdbPathIndex.open(dbDir);
    store = Store.open(storeDir, index, clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
    // Store contents are read-only; make them deletable for @TempDir as any user.
    FileTrees.deleteRecursively(storeDir);
  }

  private Path sourceTree(String where) throws IOException {
    Path root = Files.createDirectories(tmp.resolve(where));
    Files.writeString(root.resolve("README"), "hello\n");
    Path bin = Files.createDirectory(root.resolve("bin"));
    Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("bin/tool"));
    return root;
  }

  private List<Path> tempEntries() throws IOException {
    try (Stream<Path> entries = Files.list(storeDir)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
    }
  }

  private static FileTime mtime(Path path) throws IOException {
    return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static String perms(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void addTree_twice_returnsTheSamePathAndRegistersOnce() throws Exception {
    Path source = sourceTree("src");
    StorePath first = store.addTree(source, "src");
    PathInfo info = store.pathInfo(first).orElseThrow();
    clock.set(T0.plusSeconds(60));

    StorePath second = store.addTree(source, "src");

    assertEquals(first, second);
    assertEquals(Optional.of(info), store.pathInfo(second));
    assertEquals(List.of(), tempEntries());
  }

  @Test
  void addTree_ofTheSameTreeFromManyThreads_givesOnePathAndLeavesNoTemp() throws Exception {
    Path source = sourceTree("src");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StorePath>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> store.addTree(source, "src")));
      }
      Set<StorePath> paths = new HashSet<>();
      for (Future<StorePath> result : results) {
        paths.add(result.get());
      }
      assertEquals(1, paths.size());
      assertEquals(1, index.all().size());
    } finally {
      pool.shutdown();
    }
    assertEquals(List.of(), tempEntries());
  }

  @Test
  void addTree_ofIdenticalTreesInDifferentPlaces_givesTheSamePath() throws Exception {
    StorePath a = store.addTree(sourceTree("one/src"), "src");
    StorePath b = store.addTree(sourceTree("two/elsewhere"), "src");
    assertEquals(a, b);
  }

  @Test
  void addTree_withDifferentContentOrName_givesDifferentPaths() throws Exception {
    Path source = sourceTree("src");
    StorePath original = store.addTree(source, "src");
    StorePath renamed = store.addTree(source, "other");
    Files.writeString(source.resolve("README"), "changed\n");
    StorePath changed = store.addTree(source, "src");

    assertNotEquals(original.hash(), renamed.hash());
    assertNotEquals(original, changed);
    assertTrue(store.isValid(original));
    assertTrue(store.isValid(changed));
  }

  @Test
  void addTree_resultIsReadOnlyWithMtimeOneAndKeepsExecutableBitAndLinks() throws Exception {
    StorePath path = store.addTree(sourceTree("src"), "src");
    Path root = store.toFile(path);

    assertEquals("r-xr-xr-x", perms(root));
    assertEquals("r-xr-xr-x", perms(root.resolve("bin")));
    assertEquals("r--r--r--", perms(root.resolve("README")));
    assertEquals("r-xr-xr-x", perms(root.resolve("bin/tool")));
    assertTrue(Files.isSymbolicLink(root.resolve("link")));
    assertEquals(Path.of("bin/tool"), Files.readSymbolicLink(root.resolve("link")));
    for (Path p :
        List.of(root, root.resolve("bin"), root.resolve("README"), root.resolve("link"))) {
      assertEquals(FileTime.fromMillis(1000), mtime(p), p.toString());
    }
    assertEquals("hello\n", Files.readString(root.resolve("README")));
  }

  @Test
  void addTree_recordsNarHashSizeAndContentAddress() throws Exception {
    StorePath path = store.addTree(sourceTree("src"), "src");
    PathInfo info = store.pathInfo(path).orElseThrow();
    NarDigest onDisk = Nar.digest(store.toFile(path));

    assertEquals(onDisk, info.nar());
    assertEquals(Optional.of("fixed:r:" + onDisk.narHash()), info.ca());
    assertEquals(T0, info.registrationTime());
    assertEquals(
        StorePath.contentAddressed(onDisk.narHash(), List.of(), storeDir.toString(), "src"), path);
  }

  @Test
  void addTree_doesNotFollowSymlinksOutOfTheTree() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret"), "do not copy");
    Path source = Files.createDirectory(tmp.resolve("src"));
    Files.createSymbolicLink(source.resolve("escape"), secret);
    Files.createSymbolicLink(source.resolve("dangling"), Path.of("nowhere"));

    Path root = store.toFile(store.addTree(source, "src"));

    assertEquals(secret, Files.readSymbolicLink(root.resolve("escape")));
    assertEquals(Path.of("nowhere"), Files.readSymbolicLink(root.resolve("dangling")));
  }

  @Test
  void addTree_detectsReferencesToValidPaths() throws Exception {
    byte[] script = "echo lib\n".getBytes(StandardCharsets.UTF_8);
    StorePath lib = store.addBytes("lib.sh", script, EntryMode.REGULAR);
    StorePath unrelated = store.addBytes("unrelated", new byte[] {1}, EntryMode.REGULAR);
    Path source = Files.createDirectory(tmp.resolve("app"));
    Files.writeString(source.resolve("run"), "#!/bin/sh\n. " + store.toFile(lib) + "\n");
    Files.createSymbolicLink(source.resolve("lib"), store.toFile(lib));

    StorePath app = store.addTree(source, "app");

    assertEquals(Set.of(lib), store.pathInfo(app).orElseThrow().references());
    assertEquals(Set.of(app, lib), store.closure(app));
    assertFalse(store.closure(app).contains(unrelated));
  }

  @Test
  void addTree_withSocket_failsNamingItAndLeavesNothing() throws Exception {
    Path source = sourceTree("src");
    Path socket = SpecialFiles.socket(source.resolve("s"));

    UnsupportedFileTypeException e =
        assertThrows(UnsupportedFileTypeException.class, () -> store.addTree(source, "src"));

    assertEquals(socket, e.path());
    assertEquals(ErrorCode.STORE_ERROR, e.code());
    assertEquals(List.of(), tempEntries());
    try (Stream<Path> entries = Files.list(storeDir)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void addDirectory_whoseWriterFails_leavesNoTempDirAndNoRegistration() throws Exception {
    StoreIoException e =
        assertThrows(
            StoreIoException.class,
            () ->
                store.addDirectory(
                    "gen",
                    dir -> {
                      Files.writeString(dir.resolve("half"), "written");
                      throw new IOException("disk full");
                    }));

    assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    assertEquals(List.of(), tempEntries());
    assertEquals(List.of(), index.all());
  }

  @Test
  void addDirectory_buildsATreeLikeAddTree() throws Exception {
    StorePath written =
        store.addDirectory(
            "src",
            dir -> {
              Files.writeString(dir.resolve("README"), "hello\n");
              Path bin = Files.createDirectory(dir.resolve("bin"));
              Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\necho hi\n");
              Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
              Files.createSymbolicLink(dir.resolve("link"), Path.of("bin/tool"));
            });
    assertEquals(store.addTree(sourceTree("src"), "src"), written);
  }

  @Test
  void addBytes_storesASingleFileWithItsMode() throws Exception {
    byte[] content = "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8);
    StorePath script = store.addBytes("script", content, EntryMode.EXECUTABLE);
    StorePath text = store.addBytes("script", content, EntryMode.REGULAR);

    assertNotEquals(script, text);
    assertEquals("r-xr-xr-x", perms(store.toFile(script)));
    assertEquals("r--r--r--", perms(store.toFile(text)));
    assertArrayEquals(content, Files.readAllBytes(store.toFile(text)));
    assertEquals(FileTime.fromMillis(1000), mtime(store.toFile(text)));
  }

  @Test
  void addBytes_matchesNixForTheNixPillsExampleInNixsStoreDir() {
    // Same content and name as `nix-store --add myfile`; only the store directory differs, so the
    // hash part differs from /nix/store's but follows the same fingerprint.
    byte[] content = "mycontent\n".getBytes(StandardCharsets.UTF_8);
    StorePath path = store.addBytes("myfile", content, EntryMode.REGULAR);
    Hash narHash = store.pathInfo(path).orElseThrow().narHash();
    assertEquals(
        "2bfef67de873c54551d884fdab3055d84d573e654efa79db3c0d7b98883f9ee3", narHash.toHex());
    assertEquals(
        "xv2iccirbrvklck36f1g7vldn5v58vck-myfile",
        StorePath.contentAddressed(narHash, List.of(), "/nix/store", "myfile").toString());
  }

  @Test
  void add_withInvalidName_createsNothing() throws Exception {
    Path source = sourceTree("src");
    assertThrows(InvalidStorePathException.class, () -> store.addTree(source, ".hidden"));
    assertThrows(
        InvalidStorePathException.class,
        () -> store.addBytes("a b", new byte[0], EntryMode.REGULAR));
    try (Stream<Path> entries = Files.list(storeDir)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void addTree_ofMissingSource_failsNamingIt() {
    Path missing = tmp.resolve("missing");
    StoreIoException e = assertThrows(StoreIoException.class, () -> store.addTree(missing, "m"));
    assertEquals(missing, e.path());
  }

  @Test
  void add_replacesUnregisteredGarbageAtTheTargetPath() throws Exception {
    byte[] content = "data".getBytes(StandardCharsets.UTF_8);
    StorePath expected =
        StorePath.contentAddressed(
            Nar.narHash(Files.write(tmp.resolve("probe"), content)),
            List.of(),
            storeDir.toString(),
            "data");
    Files.writeString(store.toFile(expected), "half-written garbage");

    StorePath added = store.addBytes("data", content, EntryMode.REGULAR);

    assertEquals(expected, added);
    assertArrayEquals(content, Files.readAllBytes(store.toFile(added)));
    assertTrue(store.isValid(added));
  }

  @Test
  void removeLeftovers_removesTempEntries_butOpenAloneKeepsThem() throws Exception {
    store.close();
    Path leftover = Files.createDirectories(storeDir.resolve(".tmp-deadbeef/sub"));
    Files.writeString(leftover.resolve("f"), "x");
    Canonicaliser.canonicalise(storeDir.resolve(".tmp-deadbeef"));
    Files.writeString(storeDir.resolve(".tmp-file"), "x");

    index = LmdbPathIndex.open(dbDir);
    store = Store.open(storeDir, index, Clock.systemUTC());
    assertEquals(2, tempEntries().size(), "a reader's open must not destroy a writer's add in progress");

    store.removeLeftovers();
    assertEquals(List.of(), tempEntries());
  }

  @Test
  void reopen_keepsPathsValid() throws Exception {
    StorePath path = store.addTree(sourceTree("src"), "src");
    PathInfo info = store.pathInfo(path).orElseThrow();
    store.close();

    index = LmdbPathIndex.open(dbDir);
    store = Store.open(storeDir, index, Clock.systemUTC());

    assertEquals(Optional.of(info), store.pathInfo(path));
    assertEquals(path, store.addTree(sourceTree("again"), "src"));
  }

  @Test
  void parseStoreFile_findsTheStorePathOfFilesInside() throws Exception {
    StorePath path = store.addTree(sourceTree("src"), "src");
    Path inside = store.toFile(path).resolve("bin/tool");

    assertEquals(Optional.of(path), store.parseStoreFile(inside));
    assertEquals(Optional.of(path), store.parseStoreFile(store.toFile(path)));
    assertEquals(Optional.empty(), store.parseStoreFile(storeDir));
    assertEquals(Optional.empty(), store.parseStoreFile(storeDir.resolve(".tmp-x/y")));
    assertEquals(Optional.empty(), store.parseStoreFile(tmp.resolve("src/README")));
    assertEquals(
        Optional.empty(), store.parseStoreFile(storeDir.resolve("../db/" + path)));
  }

  @Test
  void closure_ofInvalidPath_failsNamingIt() {
    StorePath never = StorePath.parse("xv2iccirbrvklck36f1g7vldn5v58vck-never");
    PathNotValidException e =
        assertThrows(PathNotValidException.class, () -> store.closure(never));
    assertEquals(never, e.path());
  }

  @Test
  void batch_registersItsTextsTogetherAtCommit() {
    StorePath a = store.addText("a.txt", "a".getBytes(StandardCharsets.UTF_8), java.util.Set.of());
    RegistrationBatch batch = store.batch();
    StorePath b = batch.addText("b.drv", "b".getBytes(StandardCharsets.UTF_8), java.util.Set.of(a));
    StorePath c = batch.addText("c.drv", "c".getBytes(StandardCharsets.UTF_8), java.util.Set.of(b));
    assertFalse(store.isValid(b));
    assertTrue(Files.exists(store.toFile(c)));
    batch.commit();
    assertTrue(store.allValid(List.of(a, b, c)));
    assertEquals(java.util.Set.of(b), store.pathInfo(c).orElseThrow().references());
    assertEquals(c, store.addText("c.drv", "c".getBytes(StandardCharsets.UTF_8), java.util.Set.of(b)));
  }
}
