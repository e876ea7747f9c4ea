package io.statectl.kernel.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.InMemoryPathIndex;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs fetched with JGit from real repositories (file:// URLs) into a real store, and every way that fails. */
class InputTreesTest {
  @TempDir Path tmp;
  private Store store;

  @BeforeEach
  void openStore() {
    store = Store.open(tmp.resolve("store"), new InMemoryPathIndex(), Clock.systemUTC());
  }

  static RevCommit commit(Path repo, Map<String, String> files, String message) throws Exception {
    try (Git git = Files.exists(repo.resolve(".git")) ? Git.open(repo.toFile())
        : Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = repo.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
      git.add().addFilepattern(".").call();
      return git.commit().setMessage(message).setAuthor("Test", "t@example.org")
          .setCommitter("Test", "t@example.org").setSign(false).call();
    }
  }

  private String url(Path repo) {
    return repo.toUri().toString();
  }

  @Test
  void aGitInputIsItsCommitsTreeInTheStore_withoutGitMetadata() throws Exception {
    Path repo = tmp.resolve("shared");
    RevCommit first = commit(repo, Map.of("modules/ssh.toml", "# one\n"), "one");
    InputSource.Git source = new InputSource.Git(url(repo), "main");
    assertEquals(first.name(), InputFetcher.resolve("shared", source));

    InputTrees.Fetched f = InputTrees.fetch(store, tmp, "shared", source, Optional.empty(), Optional.empty());
    assertEquals(Optional.of(first.name()), f.commit());
    assertEquals("input-shared", f.path().name());
    Path tree = store.toFile(f.path());
    assertEquals("# one\n", Files.readString(tree.resolve("modules/ssh.toml")));
    assertFalse(Files.exists(tree.resolve(".git")));
    assertEquals(f.narHash(), store.pathInfo(f.path()).orElseThrow().narHash(), "the pinned hash is the store's");
    assertEquals(f.path(), InputTrees.expectedPath(store.directory(), "shared", f.narHash()));

    commit(repo, Map.of("modules/ssh.toml", "# two\n"), "two");
    LockedInput pin = new LockedInput("shared", source, f.commit(), f.narHash());
    assertEquals(f.path(), InputTrees.ensure(store, tmp, pin), "a valid pinned path is used as it is");
    store.delete(f.path());
    assertEquals(f.path(), InputTrees.ensure(store, tmp, pin), "a missing one is fetched at the pinned commit");
    assertEquals("# one\n", Files.readString(store.toFile(f.path()).resolve("modules/ssh.toml")));
  }

  @Test
  void tagsAndFullCommitsAreRefs_andAnUnknownRefIsE193() throws Exception {
    Path repo = tmp.resolve("shared");
    RevCommit first = commit(repo, Map.of("modules/a.toml", "\n"), "one");
    try (Git git = Git.open(repo.toFile())) {
      git.tag().setName("v1").setAnnotated(true).setMessage("v1").setSigned(false).call();
    }
    commit(repo, Map.of("modules/a.toml", "# 2\n"), "two");
    assertEquals(first.name(), InputFetcher.resolve("s", new InputSource.Git(url(repo), "v1")));
    assertEquals(first.name(), InputFetcher.resolve("s", new InputSource.Git(url(repo), first.name())));
    InputException e = assertThrows(InputException.class,
        () -> InputFetcher.resolve("s", new InputSource.Git(url(repo), "nope")));
    assertEquals(ErrorCode.INPUT_REF_UNKNOWN, e.code());
    assertTrue(e.getMessage().contains("has no branch, tag or ref 'nope'"), e.getMessage());
    InputException gone = assertThrows(InputException.class, () -> InputTrees.fetch(store, tmp, "s",
        new InputSource.Git(url(repo), "main"), Optional.of("1234567890123456789012345678901234567890"), Optional.empty()));
    assertEquals(ErrorCode.INPUT_REF_UNKNOWN, gone.code());
  }

  @Test
  void aUrlThatDoesNotAnswerIsE194() {
    InputSource.Git source = new InputSource.Git(url(tmp.resolve("nothing-here")), "main");
    InputException e = assertThrows(InputException.class, () -> InputFetcher.resolve("s", source));
    assertEquals(ErrorCode.INPUT_UNREACHABLE, e.code());
    assertTrue(e.getMessage().contains("git ls-remote"), e.getMessage());
  }

  @Test
  void aTreeWithAnotherHashIsRefusedWithBothHashes_andNothingIsAdded() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("local/modules"));
    Files.writeString(dir.resolve("a.toml"), "# a\n");
    Hash pinned = Hash.of("something else");
    LockedInput lock = new LockedInput("local", new InputSource.Local("local"), Optional.empty(), pinned);
    InputException e = assertThrows(InputException.class, () -> InputTrees.ensure(store, tmp, lock));
    assertEquals(ErrorCode.INPUT_HASH_MISMATCH, e.code());
    assertTrue(e.getMessage().contains("statectl.lock: " + pinned), e.getMessage());
    assertTrue(e.getMessage().contains("fetched:       sha256:"), e.getMessage());
    assertTrue(store.validPaths().isEmpty(), "nothing registered");
    try (var s = Files.list(store.directory())) {
      assertEquals(0, s.count(), "no temp entry left behind");
    }
  }

  @Test
  void aPathInputIsCopiedWithoutItsGitDirectory() throws Exception {
    Path repo = tmp.resolve("local");
    RevCommit c = commit(repo, Map.of("modules/a.toml", "# a\n"), "one");
    InputTrees.Fetched f = InputTrees.fetch(store, tmp, "local", new InputSource.Local("local"), Optional.empty(),
        Optional.empty());
    assertEquals(Optional.of(c.name()), f.commit(), "the commit of its own work tree, for information");
    assertFalse(Files.exists(store.toFile(f.path()).resolve(".git")));
    StorePath again = InputTrees.ensure(store, tmp, new LockedInput("local", new InputSource.Local("local"),
        f.commit(), f.narHash()));
    assertEquals(f.path(), again);
  }

  @Test
  void inputsImportingEachOtherAreACycle_E196() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a/modules"));
    Path b = Files.createDirectories(tmp.resolve("b/modules"));
    Path c = Files.createDirectories(tmp.resolve("c/modules"));
    Files.writeString(a.resolve("x.toml"), "imports = [\"b/y.toml\"]\n");
    Files.writeString(b.resolve("y.toml"), "imports = [\"a/z.toml\", \"./own.toml\"]\n");
    Files.writeString(c.resolve("w.toml"), "imports = [\"a/x.toml\"]\n");
    InputCycles.check(Map.of("a", tmp.resolve("a"), "c", tmp.resolve("c"))); // c -> a is one way: fine
    InputException e = assertThrows(InputException.class, () -> InputCycles.check(Map.of("a", tmp.resolve("a"),
        "b", tmp.resolve("b"), "c", tmp.resolve("c"))));
    assertEquals(ErrorCode.INPUT_CYCLE, e.code());
    assertTrue(e.getMessage().contains("inputs import each other in a cycle: a -> b -> a"), e.getMessage());
    assertTrue(e.getMessage().contains("b/modules/y.toml:1:12 imports a/…"), e.getMessage());
  }
}
