package io.statectl.kernel.inputs;

import io.statectl.kernel.git.GitRevisions;
import io.statectl.kernel.store.Canonicaliser;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.Nar;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Inputs as store paths: a fetched tree is added with the store's own {@link Store#addSource} (the
 * {@code store add} path: a source path of its NAR hash, no references), so gc, the binary cache and
 * deploy treat it like any other path. The tree is hashed before it is added, so a tree whose hash
 * is not the pinned one is refused with nothing registered. The caller holds the writer lock.
 */
public final class InputTrees {
  private InputTrees() {}

  /** A fetched input: its store path, the commit it came from (if any) and its NAR hash. */
  public record Fetched(StorePath path, Optional<String> commit, Hash narHash) {}

  /** The store path an input pinned at {@code narHash} has in {@code storeDirectory} (whether or not it is there). */
  public static StorePath expectedPath(Path storeDirectory, String name, Hash narHash) {
    return StorePath.contentAddressed(narHash, new TreeSet<>(), storeDirectory.toAbsolutePath().normalize().toString(),
        InputDeclaration.storeName(name));
  }

  /**
   * The store path of the pinned input {@code lock}: the one already valid, else fetched at the
   * pinned commit (a path input: read as it is now) and added if its hash is the pinned one.
   *
   * @throws InputException {@code HASH_MISMATCH} with both hashes, or as {@link #fetch}
   */
  public static StorePath ensure(Store store, Path configDir, LockedInput lock) {
    StorePath expected = expectedPath(store.directory(), lock.name(), lock.narHash());
    if (store.isValid(expected) && Files.exists(store.toFile(expected), LinkOption.NOFOLLOW_LINKS)) {
      return expected;
    }
    return fetch(store, configDir, lock.name(), lock.source(), lock.commit(), Optional.of(lock.narHash())).path();
  }

  /**
   * Fetches {@code source} — a git input at {@code commit} (else at what its ref names now), a path
   * input as its directory is — and adds its tree to the store, if its NAR hash is {@code expected}
   * when one is given.
   *
   * @throws InputException {@code UNREACHABLE}, {@code REF_UNKNOWN} or {@code HASH_MISMATCH}; nothing is added then
   */
  public static Fetched fetch(Store store, Path configDir, String name, InputSource source, Optional<String> commit,
      Optional<Hash> expected) {
    Path work = store.newTempPath();
    try {
      Files.createDirectory(work);
      Path tree = work.resolve("tree");
      Optional<String> pinned;
      if (source instanceof InputSource.Git g) {
        String c = commit.orElseGet(() -> InputFetcher.resolve(name, g));
        InputFetcher.checkout(name, g, c, work.resolve("git"), tree);
        pinned = Optional.of(c);
      } else {
        Path dir = configDir.resolve(((InputSource.Local) source).path()).toAbsolutePath().normalize();
        InputFetcher.copyLocal(name, dir, tree);
        // The commit of a path input is only informative (its NAR hash pins it): read it from its own .git.
        pinned = commit.isPresent() || !Files.exists(dir.resolve(".git")) ? commit
            : GitRevisions.of(dir).map(io.statectl.events.SourceRevision::commit);
      }
      Canonicaliser.canonicalise(tree);
      Hash hash = Nar.narHash(tree);
      if (expected.isPresent() && !expected.get().equals(hash)) {
        throw new InputException(InputException.Reason.HASH_MISMATCH, name, "input " + name + " (" + source.describe()
            + pinned.map(c -> ", commit " + c).orElse("") + ") does not have the tree statectl.lock pins\n"
            + "  statectl.lock: " + expected.get() + "\n  fetched:       " + hash + "\n  refused: nothing was added",
            "if the change is expected, run `statectl lock --update " + name + "` and review the new pin; "
                + "otherwise find out who rewrote the input");
      }
      StorePath path = store.addSource(tree, InputDeclaration.storeName(name));
      return new Fetched(path, pinned, hash);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch input " + name + " into " + work, e);
    } finally {
      FileTrees.deleteRecursively(work);
    }
  }
}
