package io.statectl.kernel.gc;

import io.statectl.kernel.store.InvalidStorePathException;
import io.statectl.kernel.store.StoreIoException;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Roots that must outlive the command that took them, until a later command uses them or a
 * deadline passes: a file {@code <dir>/<name>} whose first line is {@code expires <epoch millis>}
 * and whose other lines are store paths. A deploy's {@code receive} leases the closure it was
 * offered and the {@code activate} that follows over another ssh session releases the lease once
 * the generations are recorded (then they are the roots); {@link TempRoots} cannot do that, they
 * die with their process. The deadline bounds what a deployer that vanished between the two leaves
 * behind.
 *
 * <p>Protocol: a lease is written (atomically, by rename) while the writer lock is held, and the
 * collector reads the leases under that lock, as with temp roots.
 */
public final class LeasedRoots {
  private static final String EXPIRES = "expires ";

  private LeasedRoots() {}

  /** One live lease. */
  public record Lease(Path file, Instant expires, List<StorePath> paths) {
    public Lease {
      paths = List.copyOf(paths);
    }
  }

  /** Leases {@code paths} under {@code name} until {@code expires} (replacing a lease of that name). */
  public static void lease(Path dir, String name, Instant expires, Collection<StorePath> paths) {
    checkName(name);
    StringBuilder text = new StringBuilder(EXPIRES).append(expires.toEpochMilli()).append('\n');
    paths.forEach(p -> text.append(p).append('\n'));
    Path file = dir.resolve(name);
    Path temp = dir.resolve("." + name + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StoreIoException(file, "write the lease", e);
    }
  }

  /** Ends the lease {@code name}, if there is one. */
  public static void release(Path dir, String name) {
    checkName(name);
    try {
      Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new StoreIoException(dir.resolve(name), "delete the lease", e);
    }
  }

  /** Every lease under {@code dir} not expired at {@code now}; expired ones (and stray temp files) are deleted. */
  public static List<Lease> live(Path dir, Instant now) {
    List<Lease> leases = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return leases;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (f.getFileName().toString().startsWith(".")) {
          continue; // being written; the writer holds the writer lock, so not while a collector reads
        }
        List<String> lines;
        try {
          lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
          continue;
        }
        Instant expires = lines.isEmpty() || !lines.get(0).startsWith(EXPIRES) ? Instant.EPOCH
            : Instant.ofEpochMilli(Long.parseLong(lines.get(0).substring(EXPIRES.length()).strip()));
        if (!expires.isAfter(now)) {
          Files.deleteIfExists(f);
          continue;
        }
        List<StorePath> paths = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
          try {
            paths.add(StorePath.parse(line.strip()));
          } catch (InvalidStorePathException e) {
            // not a store path: nothing to keep for it
          }
        }
        leases.add(new Lease(f, expires, paths));
      }
    } catch (IOException | NumberFormatException e) {
      throw new StoreIoException(dir, "read the leases in", e instanceof IOException io ? io : new IOException(e));
    }
    return leases;
  }

  private static void checkName(String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException("bad lease name: " + name);
    }
  }
}
