package io.statectl.kernel.realise;

import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Exclusive locks on store paths being built, across threads and processes: an OS file lock on
 * {@code <locks>/<hash>.lock}, taken under an in-process lock on the same path (the JVM refuses
 * two file locks on one file). Whoever holds a path's lock is the only one building it; the
 * lock files are never deleted (deleting one could let two holders lock different inodes). A held
 * lock may be released by another thread than the one that took it (a build's lock is released
 * when its registration commits, on the committing thread).
 */
public final class PathLocks {
  private final Path directory;
  // JVM-wide: two PathLocks over one directory must still exclude each other in one process.
  private static final ConcurrentHashMap<Path, Semaphore> LOCAL = new ConcurrentHashMap<>();

  public PathLocks(Path directory) {
    this.directory = directory;
  }

  /** A held lock; closing releases it. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Blocks until {@code path}'s lock is held. */
  public Held acquire(StorePath path) {
    Path file = directory.toAbsolutePath().normalize().resolve(path.hash() + ".lock");
    Semaphore mine = LOCAL.computeIfAbsent(file, k -> new Semaphore(1));
    mine.acquireUninterruptibly();
    try {
      Files.createDirectories(directory);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.lock();
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return () -> {
        try {
          lock.release();
          channel.close();
        } catch (IOException e) {
          throw new StoreIoException(file, "release the build lock", e);
        } finally {
          mine.release();
        }
      };
    } catch (IOException e) {
      mine.release();
      throw new StoreIoException(file, "lock", e);
    } catch (RuntimeException e) {
      mine.release();
      throw e;
    }
  }
}
