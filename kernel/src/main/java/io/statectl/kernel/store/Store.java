package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store: a directory of immutable, content-addressed paths {@code <hash>-<name>} and the
 * {@link PathIndex} that says which of them are valid. This is the facade the kernel uses.
 *
 * <p>Every add follows the same steps, so a crash at any point leaves nothing half-done: the
 * content is written to {@code <store>/.tmp-<random>}, {@link Canonicaliser canonicalised}, its
 * {@link Nar NAR} hashed and scanned for the hash parts of valid paths (its references) in one
 * pass, its path computed with {@link StorePath#contentAddressed}, renamed into place atomically,
 * then registered in one index transaction. A file in the store directory that is not registered
 * is garbage: leftover temp entries are removed by {@link #open}, and an unregistered path is
 * replaced when the same content is added again.
 *
 * <p>Thread safety: all methods may be called concurrently; adds prepare in parallel and finalise
 * (rename and register) one at a time. Only one {@code Store} may write a store directory at a
 * time (the caller holds the state directory's lock): {@link #removeLeftovers} deletes temp
 * entries it finds, which would break another writer's add.
 *
 * <p>Over 400 lines on purpose: every way in (add a file, tree, bytes, build output; delete) shares
 * one crash-safe add/finalise protocol and its lock, which splitting would spread across classes.
 */
public final class Store implements AutoCloseable {
  private static final String TEMP_PREFIX = ".tmp-";
  /** Temp entries carry the pid of their writer, so a collector can tell a live add from a crashed one. */
  private static final String OWN_TEMP_PREFIX = TEMP_PREFIX + ProcessHandle.current().pid() + "-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final String directoryText;
  private final PathIndex index;
  private final Clock clock;
  private final ReentrantLock finalising = new ReentrantLock();

  private Store(Path directory, PathIndex index, Clock clock) {
    this.directory = directory;
    this.directoryText = directory.toString();
    this.index = index;
    this.clock = clock;
  }

  /**
   * Opens the store in {@code storeDir} (created if missing) over {@code index}. The store owns
   * {@code index} from now on and closes it in {@link #close}. {@code clock} gives registration
   * times. Opening never deletes anything, so readers may open a store that a writer is using.
   *
   * @throws StoreIoException if the directory cannot be created
   */
  public static Store open(Path storeDir, PathIndex index, Clock clock) {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(clock, "clock");
    Path directory = storeDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreIoException(directory, "open the store directory", e);
    }
    return new Store(directory, index, clock);
  }

  /**
   * Removes temp entries left by interrupted adds. Only the single writer may call this (it holds
   * the state directory's writer lock): another writer's add in progress would be destroyed.
   *
   * @throws StoreIoException if the directory cannot be cleaned
   */
  public void removeLeftovers() {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, TEMP_PREFIX + "*")) {
      for (Path leftover : leftovers) {
        if (isLeftover(leftover.getFileName().toString())) {
          FileTrees.deleteRecursively(leftover);
        }
      }
    } catch (IOException e) {
      throw new StoreIoException(directory, "clean the store directory", e);
    }
  }

  /**
   * Whether a store directory entry named {@code name} is a temp entry whose writer is gone: its pid
   * is not a running process (or it has none, from an older statectl). This process's own are never
   * leftovers: another request of a server may be adding.
   */
  public static boolean isLeftover(String name) {
    if (!name.startsWith(TEMP_PREFIX)) {
      return false;
    }
    String rest = name.substring(TEMP_PREFIX.length());
    int dash = rest.indexOf('-');
    if (dash <= 0) {
      return true;
    }
    try {
      long pid = Long.parseLong(rest.substring(0, dash));
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * Adds the file or tree at {@code source} as Nix's {@code nix-store --add} does: a {@code source}
   * path of the recursive SHA-256 of its archive, with no references (the content is not scanned),
   * so the path is the one Nix computes for the same content, name and store directory.
   *
   * @throws UnsupportedFileTypeException if the tree holds a fifo, socket or device
   * @throws StoreIoException if {@code source} cannot be read or the store written
   */
  public StorePath addSource(Path source, String name) {
    StorePath.checkName(name);
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreIoException(
          source, "add", new NoSuchFileException(source.toString(), null, "does not exist"));
    }
    Path temp = tempEntry();
    try {
      FileTrees.copy(source, temp);
      return seal(temp, name, Optional.of(new TreeSet<>()));
    } catch (RuntimeException | Error failure) {
      try {
        FileTrees.deleteRecursively(temp);
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  /**
   * Puts {@code rebuilt} (a tree outside the store directory's paths, e.g. a rebuild) in place of
   * the valid path {@code path}, if its archive hash is the registered one; the damaged copy is
   * first moved to a temp name, then the rebuilt one renamed into place, so the path never holds a
   * mix of both. Returns false (and deletes {@code rebuilt}) when the hash differs.
   */
  public boolean replaceContents(StorePath path, Path rebuilt) {
    PathInfo info = index.get(path).orElseThrow(() -> new PathNotValidException(path));
    Canonicaliser.canonicalise(rebuilt);
    if (!Nar.narHash(rebuilt).equals(info.narHash())) {
      FileTrees.deleteRecursively(rebuilt);
      return false;
    }
    Path target = toFile(path);
    Path staged = tempEntry();
    Path aside = tempEntry();
    finalising.lock();
    try {
      moveIntoPlace(rebuilt, staged); // same file system as the target from here on
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        moveIntoPlace(target, aside);
      }
      moveIntoPlace(staged, target);
      FileTrees.deleteRecursively(aside);
      return true;
    } finally {
      finalising.unlock();
    }
  }

  /**
   * Makes every path of {@code paths} invalid in one index transaction, then deletes their files:
   * as {@link #delete}, for a whole collection.
   *
   * @throws PathInUseException if a valid path outside {@code paths} references one of them
   */
  public void deleteAll(List<StorePath> paths) {
    finalising.lock();
    try {
      index.invalidateAll(paths);
      for (StorePath p : paths) {
        FileTrees.deleteRecursively(toFile(p));
      }
    } finally {
      finalising.unlock();
    }
  }

  /** Returns the absolute store directory, whose text is part of every path's hash. */
  public Path directory() {
    return directory;
  }

  /**
   * Adds a copy of the tree at {@code source} (a directory, regular file or symlink) under
   * {@code name} and returns its path; adding identical content under the same name again returns
   * the same path and changes nothing. Symlinks are copied as links, never followed.
   *
   * @throws InvalidStorePathException if {@code name} is not a valid store path name
   * @throws UnsupportedFileTypeException if the tree holds a fifo, socket or device
   * @throws StoreIoException if {@code source} cannot be read or the store written
   */
  public StorePath addTree(Path source, String name) {
    StorePath.checkName(name);
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreIoException(
          source, "add", new NoSuchFileException(source.toString(), null, "does not exist"));
    }
    return add(name, temp -> FileTrees.copy(source, temp));
  }

  /**
   * Adds the directory that {@code writer} fills in a fresh temp directory, under {@code name}; as
   * {@link #addTree}, this is how a generation's tree is built.
   *
   * @throws StoreIoException wrapping an {@link IOException} of {@code writer}
   */
  public StorePath addDirectory(String name, TreeWriter writer) {
    StorePath.checkName(name);
    return add(
        name,
        temp -> {
          try {
            Files.createDirectory(temp);
            writer.write(temp);
          } catch (IOException e) {
            throw new StoreIoException(temp, "write the tree '" + name + "' into", e);
          }
        });
  }

  /** Adds a single file holding {@code content}, executable or not, under {@code name}. */
  public StorePath addBytes(String name, byte[] content, EntryMode mode) {
    StorePath.checkName(name);
    Objects.requireNonNull(mode, "mode");
    byte[] copy = content.clone();
    return add(
        name,
        temp -> {
          try {
            Files.write(temp, copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (mode == EntryMode.EXECUTABLE) {
              Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r-xr-xr-x"));
            }
          } catch (IOException e) {
            throw new StoreIoException(temp, "write '" + name + "' into", e);
          }
        });
  }

  /**
   * Registers the tree a builder produced at {@code built} as the valid path {@code path}: it is
   * canonicalised, hashed and scanned for the hash parts of {@code path} itself and of {@code
   * allowed} (the build's input closure) only, then it is moved into place (unless {@code built} is already there) and
   * registered with {@code deriver}. On any failure nothing is registered and {@code built} is
   * deleted. The caller holds {@code path}'s build lock, so no one else writes it meanwhile.
   *
   * @throws UndeclaredReferenceException if it mentions a valid path outside {@code allowed}
   */
  public PathInfo registerOutput(Path built, StorePath path, Optional<StorePath> deriver, Set<StorePath> allowed,
      Optional<String> ca) {
    PathInfo info = prepareOutput(built, path, deriver, allowed, ca);
    register(List.of(info));
    return info;
  }

  /**
   * The first half of {@link #registerOutput}: canonicalises, hashes and scans {@code built},
   * checks its references and moves it into place, and returns the info to {@link
   * #registerOutputs register}. Until then the path is not valid (garbage if the process dies); the
   * caller keeps holding its build lock until the registration. On failure, {@code built} (and an
   * unregistered target) is deleted.
   *
   * @throws UndeclaredReferenceException if it mentions a valid path outside {@code allowed}
   */
  public PathInfo prepareOutput(Path built, StorePath path, Optional<StorePath> deriver, Set<StorePath> allowed,
      Optional<String> ca) {
    Path target = toFile(path);
    try {
      Canonicaliser.canonicalise(built);
      DigestingOutputStream digest = new DigestingOutputStream();
      // As Nix: only the hashes of the inputs' closure and of the output itself can be references;
      // the mention of any other path is text (the sandbox did not let the builder reach it).
      java.util.Map<String, StorePath> candidates = new java.util.HashMap<>();
      allowed.forEach(a -> candidates.put(a.hash(), a));
      candidates.put(path.hash(), path);
      ReferenceScanner scanner = new ReferenceScanner(hashPart -> Optional.ofNullable(candidates.get(hashPart)));
      Nar.write(built, new TeeOutputStream(digest, scanner));
      SortedSet<StorePath> references = scanner.references();
      SortedSet<StorePath> undeclared = new TreeSet<>(references);
      undeclared.remove(path);
      undeclared.removeAll(allowed);
      if (!undeclared.isEmpty()) {
        throw new UndeclaredReferenceException(path, undeclared);
      }
      if (!built.equals(target)) {
        finalising.lock();
        try {
          FileTrees.deleteRecursively(target);
          moveIntoPlace(built, target);
        } finally {
          finalising.unlock();
        }
      }
      PathInfo info = PathInfo.of(path, digest.result(), references, clock.instant());
      info = deriver.map(info::withDeriver).orElse(info);
      return ca.map(info::withCa).orElse(info);
    } catch (RuntimeException | Error failure) {
      try {
        FileTrees.deleteRecursively(built);
        if (!index.isValid(path)) {
          FileTrees.deleteRecursively(target);
        }
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  /**
   * Registers outputs {@link #prepareOutput prepared} (their files in place), all in one index
   * transaction: one fsync for a group of builds. On failure nothing of the group is valid and
   * their files are deleted.
   */
  public void registerOutputs(List<PathInfo> prepared) {
    register(prepared);
  }

  /**
   * Adds a regular file holding {@code content} whose references are exactly {@code references}
   * (which must be valid), without scanning: how derivations are stored, since a {@code .drv}
   * names its own outputs, and scanning would count them once they are built and so give the same
   * derivation a second path.
   */
  public StorePath addText(String name, byte[] content, Set<StorePath> references) {
    return addText(name, content, references, null);
  }

  /**
   * A group of {@link RegistrationBatch#addText text adds} whose registrations commit together, in
   * one index transaction (one fsync), when the batch commits; until then its paths are in place
   * on disk but not valid (garbage, should the process die first).
   */
  public RegistrationBatch batch() {
    return new RegistrationBatch(this);
  }

  /**
   * As {@link #addText(String, byte[], Set)}; registers into {@code batch} when it is not null. The
   * archive of a single file is hashed in memory, so content already valid is not written at all.
   */
  StorePath addText(String name, byte[] content, Set<StorePath> references, RegistrationBatch batch) {
    StorePath.checkName(name);
    SortedSet<StorePath> refs = new TreeSet<>(references);
    NarDigest nar = Nar.digestOfRegularFile(content);
    StorePath path = StorePath.contentAddressed(nar.narHash(), refs, directoryText, name);
    Path target = toFile(path);
    if ((batch != null && batch.pending(path)) || (index.isValid(path) && Files.exists(target, LinkOption.NOFOLLOW_LINKS))) {
      return path;
    }
    Path temp = tempEntry();
    try {
      Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Canonicaliser.canonicalise(temp);
      finalising.lock();
      try {
        // On disk but unregistered: garbage of an interrupted add; replace it rather than trust it.
        FileTrees.deleteRecursively(target);
        moveIntoPlace(temp, target);
        if (index.isValid(path)) {
          return path; // files were missing under a valid path: repaired by the move.
        }
        PathInfo info = PathInfo.of(path, nar, refs, clock.instant()).withCa("fixed:r:" + nar.narHash());
        if (batch != null) {
          batch.add(info);
        } else {
          register(List.of(info));
        }
        return path;
      } finally {
        finalising.unlock();
      }
    } catch (IOException e) {
      FileTrees.deleteRecursively(temp);
      throw new StoreIoException(temp, "write '" + name + "' into", e);
    } catch (RuntimeException | Error failure) {
      try {
        FileTrees.deleteRecursively(temp);
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  /**
   * Registers paths whose files are in place, in one index transaction; on failure the files of
   * those not valid are deleted (they would be garbage).
   */
  void register(List<PathInfo> infos) {
    if (infos.isEmpty()) {
      return;
    }
    finalising.lock();
    try {
      index.register(infos);
    } catch (RuntimeException e) {
      for (PathInfo info : infos) {
        try {
          if (!index.isValid(info.path())) {
            FileTrees.deleteRecursively(toFile(info.path()));
          }
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    } finally {
      finalising.unlock();
    }
  }

  /** Returns the absolute file of {@code path} in this store, whether or not it is valid. */
  public Path toFile(StorePath path) {
    return directory.resolve(path.toString());
  }

  /** Returns what the index knows about {@code path}, if it is valid. */
  public Optional<PathInfo> pathInfo(StorePath path) {
    return index.get(path);
  }

  /** Returns whether {@code path} is valid (registered) in this store. */
  public boolean isValid(StorePath path) {
    return index.isValid(path);
  }

  /** Returns whether every one of {@code paths} is valid, checked in one index read. */
  public boolean allValid(java.util.Collection<StorePath> paths) {
    return index.allValid(paths);
  }

  /**
   * Returns the store path that {@code file} lies in, if it is inside this store directory and
   * its first component there is a well-formed store path (valid or not; ask {@link #isValid}).
   * The path is normalised lexically; symlinks are not resolved.
   */
  public Optional<StorePath> parseStoreFile(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!absolute.startsWith(directory) || absolute.equals(directory)) {
      return Optional.empty();
    }
    String first = directory.relativize(absolute).getName(0).toString();
    try {
      return Optional.of(StorePath.parse(first));
    } catch (InvalidStorePathException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns {@code path} and every path it references, transitively, sorted.
   *
   * @throws PathNotValidException if {@code path} is not valid
   */
  public Set<StorePath> closure(StorePath path) {
    if (!index.isValid(path)) {
      throw new PathNotValidException(path);
    }
    SortedSet<StorePath> closure = new TreeSet<>();
    Deque<StorePath> pending = new ArrayDeque<>(List.of(path));
    while (!pending.isEmpty()) {
      StorePath next = pending.pop();
      if (closure.add(next)) {
        index
            .get(next)
            .orElseThrow(() -> new PathNotValidException(next))
            .references()
            .forEach(pending::push);
      }
    }
    return Collections.unmodifiableSortedSet(closure);
  }

  /** Returns the info of every valid path, sorted by path. */
  public List<PathInfo> validPaths() {
    return index.all();
  }

  /**
   * Makes {@code path} invalid and deletes its files; the garbage collector's one primitive. Only
   * the single writer may call it. Invalidation comes first, so a crash leaves unregistered
   * garbage, never a valid path without files.
   *
   * @throws PathInUseException if another valid path still references it
   * @throws StoreIoException if its files cannot be deleted
   */
  public void delete(StorePath path) {
    finalising.lock();
    try {
      index.invalidate(path);
      FileTrees.deleteRecursively(toFile(path));
    } finally {
      finalising.unlock();
    }
  }

  /**
   * Makes trees unpacked elsewhere (substitutes from a binary cache) valid with the infos given:
   * each is canonicalised and moved into place, then all are registered in one index transaction,
   * so references among them may be in the same batch. On failure none is valid and their files and
   * the unpacked trees are deleted. The caller has checked their NAR hashes.
   */
  public void registerTrees(java.util.Map<Path, PathInfo> unpacked) {
    List<PathInfo> infos = new java.util.ArrayList<>();
    try {
      for (var e : unpacked.entrySet()) {
        Canonicaliser.canonicalise(e.getKey());
        Path target = toFile(e.getValue().path());
        finalising.lock();
        try {
          if (!index.isValid(e.getValue().path())) {
            FileTrees.deleteRecursively(target);
            moveIntoPlace(e.getKey(), target);
            infos.add(e.getValue());
          } else {
            FileTrees.deleteRecursively(e.getKey());
          }
        } finally {
          finalising.unlock();
        }
      }
    } catch (RuntimeException failure) {
      for (var e : unpacked.entrySet()) {
        try {
          FileTrees.deleteRecursively(e.getKey());
          if (!index.isValid(e.getValue().path())) {
            FileTrees.deleteRecursively(toFile(e.getValue().path()));
          }
        } catch (RuntimeException cleanup) {
          failure.addSuppressed(cleanup);
        }
      }
      throw failure;
    }
    register(infos);
  }

  /** Returns a fresh temp name in the store directory for a tree being made, removed by {@link #removeLeftovers}. */
  public Path newTempPath() {
    return directory.resolve(TEMP_PREFIX + HexFormat.of().formatHex(randomBytes()));
  }

  /** Returns the valid path whose hash part is {@code hashPart}, if any (how a cache server finds a narinfo's path). */
  public Optional<StorePath> byHashPart(String hashPart) {
    return index.byHashPart(hashPart);
  }

  /** Closes the index; the store must not be used afterwards. */
  @Override
  public void close() {
    index.close();
  }

  /** Fills the temp entry of an add; throws only unchecked {@link StoreException}s. */
  private interface Filler {
    void fill(Path temp);
  }

  private StorePath add(String name, Filler filler) {
    Path temp = tempEntry();
    try {
      filler.fill(temp);
      return seal(temp, name, Optional.empty());
    } catch (RuntimeException | Error failure) {
      try {
        FileTrees.deleteRecursively(temp);
      } catch (RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  /**
   * Canonicalises and hashes a filled temp entry, then moves it into place and registers it. Its
   * references are {@code given} ({@code store add}: a source path refers to nothing, as in Nix),
   * else found by scanning for the hash parts of valid paths.
   */
  private StorePath seal(Path temp, String name, Optional<SortedSet<StorePath>> given) {
    Canonicaliser.canonicalise(temp);
    DigestingOutputStream digest = new DigestingOutputStream();
    SortedSet<StorePath> references;
    if (given.isPresent()) {
      Nar.write(temp, digest);
      references = given.get();
    } else {
      ReferenceScanner scanner = new ReferenceScanner(index::byHashPart);
      Nar.write(temp, new TeeOutputStream(digest, scanner));
      references = scanner.references();
    }
    NarDigest nar = digest.result();
    StorePath path = StorePath.contentAddressed(nar.narHash(), references, directoryText, name);
    Path target = toFile(path);
    finalising.lock();
    try {
      boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      if (present && index.isValid(path)) {
        FileTrees.deleteRecursively(temp);
        return path;
      }
      // On disk but unregistered: garbage of an interrupted add, with the same content if it was
      // complete; replace it rather than trust it.
      FileTrees.deleteRecursively(target);
      moveIntoPlace(temp, target);
      if (index.isValid(path)) {
        return path; // files were missing under a valid path: repaired by the move.
      }
      try {
        PathInfo info =
            PathInfo.of(path, nar, references, clock.instant())
                .withCa("fixed:r:" + nar.narHash());
        index.register(List.of(info));
      } catch (RuntimeException e) {
        try {
          FileTrees.deleteRecursively(target);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      return path;
    } finally {
      finalising.unlock();
    }
  }

  private static void moveIntoPlace(Path temp, Path target) {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreIoException(target, "move a new store path into place at", e);
    }
  }

  private Path tempEntry() {
    return directory.resolve(OWN_TEMP_PREFIX + HexFormat.of().formatHex(randomBytes()));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
