package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Hard-links identical files across the store, as {@code nix-store --optimise}: each regular
 * file's archive (its contents and executable bit) is hashed, {@code <store>/.links/<hash>} is the
 * first copy, and every later copy is replaced by a hard link to it — by a link made beside the
 * file and renamed over it, so the file is never missing. Files that differ in mode hash
 * differently and are never linked; a file on another file system than {@code .links} is skipped.
 * Only the writer may run it (it changes store directories' permissions for a moment).
 */
public final class StoreOptimiser {
  private static final Set<PosixFilePermission> WRITABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> CANONICAL_DIR = PosixFilePermissions.fromString("r-xr-xr-x");
  private final Store store;
  private final Path links;

  public StoreOptimiser(Store store) {
    this.store = store;
    this.links = store.directory().resolve(".links");
  }

  /** What an optimisation did. */
  public record Result(long filesLinked, long bytesSaved) {}

  /** Optimises every valid path. */
  public Result optimiseAll() {
    return optimise(store.validPaths().stream().map(PathInfo::path).toList());
  }

  /** Optimises {@code paths} (each must be valid and on disk). */
  public Result optimise(List<StorePath> paths) {
    long[] totals = new long[2];
    try {
      Files.createDirectories(links);
      Object linksDevice = device(links);
      for (StorePath p : paths) {
        Path root = store.toFile(p);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isRegularFile() && attrs.size() > 0 && linksDevice.equals(device(file))) {
              long saved = linkOne(file, attrs);
              if (saved >= 0) {
                totals[0]++;
                totals[1] += saved;
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
      }
    } catch (IOException e) {
      throw new StoreIoException(links, "optimise the store into", e);
    }
    return new Result(totals[0], totals[1]);
  }

  /**
   * Deletes {@code .links} entries that no store file shares any more (link count 1): after a gc.
   *
   * @return how many were deleted
   */
  public long removeUnusedLinks() {
    if (!Files.isDirectory(links)) {
      return 0;
    }
    long removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(links)) {
      for (Path e : entries) {
        if (((Number) Files.getAttribute(e, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() <= 1) {
          Files.delete(e);
          removed++;
        }
      }
    } catch (IOException e) {
      throw new StoreIoException(links, "clean", e);
    }
    return removed;
  }

  /** Links {@code file} to its {@code .links} copy; returns the bytes saved, or -1 if nothing was linked. */
  private long linkOne(Path file, BasicFileAttributes attrs) throws IOException {
    Hash hash = Nar.narHash(file);
    Path link = links.resolve(hash.toBase32());
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createLink(link, file);
      } catch (FileSystemException e) {
        // another file system or too many links: leave this file alone
      }
      return -1;
    }
    Object linkKey = Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    if (linkKey != null && linkKey.equals(attrs.fileKey())) {
      return -1; // already linked
    }
    Path dir = file.getParent();
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    Files.setPosixFilePermissions(dir, WRITABLE_DIR);
    Path temp = dir.resolve(".tmp-link-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(temp);
      try {
        Files.createLink(temp, link);
      } catch (FileSystemException e) {
        return -1; // too many links to this content: keep the copy
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return attrs.size();
    } finally {
      Files.deleteIfExists(temp);
      Files.setPosixFilePermissions(dir, before.isEmpty() ? CANONICAL_DIR : before);
    }
  }

  private static Object device(Path p) throws IOException {
    return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
  }
}
