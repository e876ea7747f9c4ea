package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/**
 * A {@link PathIndex} persisted in an LMDB environment, so validity survives restarts and every
 * change is one durable transaction.
 *
 * <p>Layout (see {@code docs/spec/store.md}): database {@code paths} maps a hash part (32 ASCII
 * bytes) to the {@link PathInfoCodec canonical JSON} of its info; database {@code referrers}
 * (duplicate keys, fixed-size values) maps a referenced hash part to each referrer's hash part.
 * LMDB gives one writer at a time and snapshot readers, which is the contract's atomicity.
 */
public final class LmdbPathIndex implements PathIndex {
  /** Map size: an upper bound of the file, not an allocation; 1 GiB is millions of paths. */
  public static final long MAP_SIZE = 1L << 30;

  private final Path directory;
  private final Env<byte[]> env;
  private final Dbi<byte[]> paths;
  private final Dbi<byte[]> referrers;

  private LmdbPathIndex(Path directory, Env<byte[]> env) {
    this.directory = directory;
    this.env = env;
    this.paths = env.openDbi("paths", DbiFlags.MDB_CREATE);
    this.referrers =
        env.openDbi("referrers", DbiFlags.MDB_CREATE, DbiFlags.MDB_DUPSORT, DbiFlags.MDB_DUPFIXED);
  }

  /**
   * Opens (creating if needed) the index in the LMDB environment directory {@code directory}; the
   * kernel passes {@code <state-dir>/db}.
   *
   * @throws StoreIoException if the directory cannot be created
   * @throws PathIndexException if LMDB cannot open it
   */
  public static LmdbPathIndex open(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreIoException(directory, "create the index directory", e);
    }
    Env<byte[]> env = null;
    try {
      // MDB_NOTLS: read transactions are not bound to a thread, so pooled/virtual threads are safe.
      env =
          Env.create(ByteArrayProxy.PROXY_BA)
              .setMapSize(MAP_SIZE)
              .setMaxDbs(2)
              .open(directory.toFile(), EnvFlags.MDB_NOTLS);
      return new LmdbPathIndex(directory, env);
    } catch (LmdbException e) {
      if (env != null) {
        env.close();
      }
      throw new PathIndexException(directory, "open the index", e);
    }
  }

  @Override
  public Optional<PathInfo> get(StorePath path) {
    return read("read " + path, txn -> infoByHash(txn, path.hash()))
        .filter(info -> info.path().equals(path));
  }

  @Override
  public boolean isValid(StorePath path) {
    return read("read " + path, txn -> validIn(txn, path));
  }

  @Override
  public boolean allValid(java.util.Collection<StorePath> all) {
    return read("read " + all.size() + " path(s)", txn -> {
      for (StorePath p : all) {
        if (!validIn(txn, p)) {
          return false;
        }
      }
      return true;
    });
  }

  @Override
  public Optional<StorePath> byHashPart(String hashPart) {
    if (hashPart.length() != StorePath.HASH_LENGTH) {
      return Optional.empty();
    }
    return read("look up " + hashPart, txn -> infoByHash(txn, hashPart).map(PathInfo::path));
  }

  @Override
  public void register(List<PathInfo> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (Txn<byte[]> txn = env.txnWrite()) {
      Registrations.check(batch, hash -> infoByHash(txn, hash).map(PathInfo::path));
      for (PathInfo info : batch) {
        byte[] self = key(info.path().hash());
        Optional<PathInfo> old = infoByHash(txn, info.path().hash());
        old.ifPresent(o -> o.references().forEach(r -> referrers.delete(txn, key(r.hash()), self)));
        paths.put(txn, self, PathInfoCodec.encode(info));
        for (StorePath reference : info.references()) {
          referrers.put(txn, key(reference.hash()), self);
        }
      }
      txn.commit();
    } catch (LmdbException e) {
      throw new PathIndexException(directory, "register " + batch.size() + " path(s)", e);
    }
  }

  @Override
  public Set<StorePath> referrers(StorePath path) {
    return read("read the referrers of " + path, txn -> referrersIn(txn, path));
  }

  @Override
  public List<PathInfo> all() {
    return read(
        "list valid paths",
        txn -> {
          List<PathInfo> infos = new ArrayList<>();
          try (CursorIterable<byte[]> entries = paths.iterate(txn)) {
            for (CursorIterable.KeyVal<byte[]> entry : entries) {
              infos.add(PathInfoCodec.decode(entry.val()));
            }
          }
          infos.sort((a, b) -> a.path().compareTo(b.path()));
          return List.copyOf(infos);
        });
  }

  @Override
  public void invalidate(StorePath path) {
    invalidateAll(List.of(path));
  }

  /** As {@link PathIndex#invalidateAll}: one write transaction (one fsync) for the whole batch. */
  @Override
  public void invalidateAll(List<StorePath> batch) {
    try (Txn<byte[]> txn = env.txnWrite()) {
      java.util.Set<StorePath> leaving = new java.util.HashSet<>(batch);
      for (StorePath path : batch) {
        Optional<PathInfo> info = infoByHash(txn, path.hash()).filter(i -> i.path().equals(path));
        if (info.isEmpty()) {
          continue;
        }
        SortedSet<StorePath> others = new TreeSet<>(referrersIn(txn, path));
        others.remove(path);
        others.removeAll(leaving);
        if (!others.isEmpty()) {
          throw new PathInUseException(path, others);
        }
      }
      for (StorePath path : batch) {
        Optional<PathInfo> info = infoByHash(txn, path.hash()).filter(i -> i.path().equals(path));
        if (info.isEmpty()) {
          continue;
        }
        byte[] self = key(path.hash());
        for (StorePath reference : info.get().references()) {
          referrers.delete(txn, key(reference.hash()), self);
        }
        referrers.delete(txn, self);
        paths.delete(txn, self);
      }
      txn.commit();
    } catch (LmdbException e) {
      throw new PathIndexException(directory, "invalidate " + batch.size() + " path(s)", e);
    }
  }

  /** Closes the LMDB environment; no transaction may be running. */
  @Override
  public void close() {
    env.close();
  }

  private <T> T read(String action, Function<Txn<byte[]>, T> body) {
    try (Txn<byte[]> txn = env.txnRead()) {
      return body.apply(txn);
    } catch (LmdbException e) {
      throw new PathIndexException(directory, action, e);
    }
  }

  private boolean validIn(Txn<byte[]> txn, StorePath path) {
    byte[] value = paths.get(txn, key(path.hash()));
    if (value == null) {
      return false;
    }
    try {
      return PathInfoCodec.pathOf(value).equals(path.toString());
    } catch (IllegalArgumentException e) {
      throw new PathIndexException(directory, "decode the record of " + path.hash(), e);
    }
  }

  private Optional<PathInfo> infoByHash(Txn<byte[]> txn, String hash) {
    byte[] value = paths.get(txn, key(hash));
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(PathInfoCodec.decode(value));
    } catch (IllegalArgumentException | StoreException e) {
      throw new PathIndexException(directory, "decode the record of " + hash, e);
    }
  }

  private SortedSet<StorePath> referrersIn(Txn<byte[]> txn, StorePath path) {
    SortedSet<StorePath> result = new TreeSet<>();
    try (Cursor<byte[]> cursor = referrers.openCursor(txn)) {
      if (cursor.get(key(path.hash()), GetOp.MDB_SET_KEY)) {
        do {
          String referrer = new String(cursor.val(), StandardCharsets.US_ASCII);
          infoByHash(txn, referrer).map(PathInfo::path).ifPresent(result::add);
        } while (cursor.seek(SeekOp.MDB_NEXT_DUP));
      }
    }
    return Collections.unmodifiableSortedSet(result);
  }

  private static byte[] key(String hashPart) {
    return hashPart.getBytes(StandardCharsets.US_ASCII);
  }
}
