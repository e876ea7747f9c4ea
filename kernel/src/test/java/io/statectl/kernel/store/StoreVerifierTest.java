package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification against a real LMDB index and real files. */
class StoreVerifierTest {
  @TempDir Path tmp;
  Store store;
  StorePath tree;

  @BeforeEach
  void open() throws Exception {
    store = Store.open(tmp.resolve("store"), LmdbPathIndex.open(tmp.resolve("db")), Clock.systemUTC());
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("a.txt"), "alpha\n");
    Files.writeString(src.resolve("b.txt"), "bravo\n");
    tree = store.addSource(tmp.resolve("src"), "tree");
  }

  @AfterEach
  void close() {
    store.close();
    FileTrees.deleteRecursively(tmp.resolve("store"));
  }

  private static void writable(Path p) {
    p.toFile().setWritable(true);
  }

  @Test
  void aCleanStore_hasNoProblems_evenWithContents() {
    assertEquals(List.of(), new StoreVerifier(store).verify(StoreVerifier.Contents.CHECK, Set.of()));
  }

  @Test
  void aRemovedFile_isFoundByTheContentCheck_andARemovedPathWithout() {
    Path file = store.toFile(tree).resolve("sub/a.txt");
    writable(file.getParent());
    FileTrees.deleteRecursively(file);
    assertEquals(List.of(), new StoreVerifier(store).verify(StoreVerifier.Contents.SKIP, Set.of()),
        "the path itself is there: only hashing sees the change");
    List<StoreProblem> found = new StoreVerifier(store).verify(StoreVerifier.Contents.CHECK, Set.of());
    assertEquals(1, found.size());
    StoreProblem.Damaged d = assertInstanceOf(StoreProblem.Damaged.class, found.get(0));
    assertEquals(tree, d.path());
    assertTrue(d.describe().contains(store.toFile(tree).toString()), d.describe());

    FileTrees.deleteRecursively(store.toFile(tree));
    StoreProblem missing = new StoreVerifier(store).verify(StoreVerifier.Contents.SKIP, Set.of()).get(0);
    assertInstanceOf(StoreProblem.Missing.class, missing);
  }

  @Test
  void aFlippedByte_isDamage_andAnUnregisteredEntryIsNamed_unlessABuildHoldsIt() throws Exception {
    Path file = store.toFile(tree).resolve("sub/b.txt");
    writable(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(2);
      f.write('X');
    }
    Path stray = Files.createDirectory(store.directory().resolve("0123456789abcdfghijklmnpqrsvwxyz-stray"));
    List<StoreProblem> found = new StoreVerifier(store).verify(StoreVerifier.Contents.CHECK, Set.of());
    assertEquals(2, found.size(), found.toString());
    assertInstanceOf(StoreProblem.Damaged.class, found.get(0));
    assertEquals(new StoreProblem.Unregistered(stray), found.get(1));
    assertEquals(1, new StoreVerifier(store).verify(StoreVerifier.Contents.CHECK,
        Set.of(StorePath.parse(stray.getFileName().toString()))).size());
  }

  @Test
  void replaceContents_putsARebuildInPlace_onlyWhenItsHashMatches() throws Exception {
    Path file = store.toFile(tree).resolve("sub/a.txt");
    writable(file);
    Files.writeString(file, "changed\n");
    Path wrong = Files.createDirectories(tmp.resolve("wrong/sub"));
    Files.writeString(wrong.resolve("a.txt"), "other\n");
    assertTrue(!store.replaceContents(tree, tmp.resolve("wrong")));
    Path right = Files.createDirectories(tmp.resolve("builds/right/sub"));
    Files.writeString(right.resolve("a.txt"), "alpha\n");
    Files.writeString(right.resolve("b.txt"), "bravo\n");
    assertTrue(store.replaceContents(tree, tmp.resolve("builds/right")));
    assertEquals("alpha\n", Files.readString(file));
    assertEquals(List.of(), new StoreVerifier(store).verify(StoreVerifier.Contents.CHECK, Set.of()));
  }
}
