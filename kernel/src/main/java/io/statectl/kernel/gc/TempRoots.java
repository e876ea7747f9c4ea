package io.statectl.kernel.gc;

import io.statectl.kernel.store.InvalidStorePathException;
import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The temp roots of one running command: a file {@code <dir>/<pid>-<n>} listing store paths (one
 * base name a line) that the command has made or is about to use, held under an OS file lock for
 * as long as the command runs. The collector counts every listed path as a root while the file is
 * locked; a file it can lock belongs to a process that died, and is reclaimed (deleted).
 *
 * <p>Protocol (as Nix's {@code temproots}): a command {@link #add adds} a path before it relies on
 * it, while holding the state directory's writer lock or before the path can become garbage; the
 * collector, holding the writer lock, {@link #live reads} every file after it has taken that lock,
 * so nothing added before is missed and nothing added later is older than the collector's view.
 *
 * <p>Thread safety: {@link #add} may be called from any thread.
 */
public final class TempRoots implements AutoCloseable {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final Set<Path> HELD_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Set<StorePath> added = new HashSet<>();

  private TempRoots(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates and locks this command's temp-root file under {@code dir}. It is locked under a hidden
   * name first and then renamed, so a collector never sees an unlocked file of a living process.
   *
   * @throws StoreIoException if the file cannot be created
   */
  public static TempRoots create(Path dir) {
    String name = ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    Path hidden = dir.resolve("." + name);
    Path file = dir.resolve(name);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(hidden, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      FileLock lock = channel.lock();
      Files.move(hidden, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      HELD_HERE.add(file);
      return new TempRoots(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreIoException(file, "create the temp-root file", e);
    }
  }

  /** Roots {@code paths} for as long as this command runs; visible to a collector once this returns. */
  public synchronized void add(Collection<StorePath> paths) {
    StringBuilder lines = new StringBuilder();
    for (StorePath p : paths) {
      if (added.add(p)) {
        lines.append(p).append('\n');
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new StoreIoException(file, "write the temp-root file", e);
    }
  }

  /** The file that holds these roots. */
  public Path file() {
    return file;
  }

  /** Releases the roots: deletes the file and drops its lock. */
  @Override
  public synchronized void close() {
    HELD_HERE.remove(file);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StoreIoException(file, "delete the temp-root file", e);
    } finally {
      closeQuietly(channel);
    }
  }

  /** One live temp-root file and what it holds. */
  public record Holder(Path file, long pid, List<StorePath> paths) {
    public Holder {
      paths = List.copyOf(paths);
    }
  }

  /**
   * Returns the temp roots of every running command under {@code dir}, deleting the files of
   * commands that died (a file whose lock can be taken).
   */
  public static List<Holder> live(Path dir) {
    List<Holder> holders = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return holders;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
          reclaimHidden(f, name);
          continue;
        }
        if (HELD_HERE.contains(f) || heldByOther(f)) {
          holders.add(new Holder(f, pidOf(name), read(f)));
        }
      }
    } catch (IOException e) {
      throw new StoreIoException(dir, "list the temp roots in", e);
    }
    return holders;
  }

  /** Takes the lock of {@code f} if no one holds it; then the file is stale and deleted. */
  private static boolean heldByOther(Path f) throws IOException {
    try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
      try (FileLock l = c.tryLock()) {
        if (l != null) {
          Files.deleteIfExists(f); // its process died without releasing it
          return false;
        }
        return true;
      } catch (OverlappingFileLockException e) {
        return true; // held by another command of this process
      }
    } catch (NoSuchFileException e) {
      return false; // released meanwhile
    }
  }

  /** A hidden file is one being created; it is stale only when its process is gone. */
  private static void reclaimHidden(Path f, String name) throws IOException {
    long pid = pidOf(name.substring(1));
    if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return;
    }
    Files.deleteIfExists(f);
  }

  private static long pidOf(String name) {
    int dash = name.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? name : name.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<StorePath> read(Path f) throws IOException {
    List<StorePath> paths = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return paths;
    }
    for (String line : lines) {
      try {
        paths.add(StorePath.parse(line.strip()));
      } catch (InvalidStorePathException e) {
        // a line cut short by a write in progress: the writer has not relied on it yet
      }
    }
    return paths;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing releases the lock; nothing more to do
      }
    }
  }
}
