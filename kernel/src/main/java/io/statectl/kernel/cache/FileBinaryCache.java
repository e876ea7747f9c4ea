package io.statectl.kernel.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A binary cache in a local directory ({@code file:///dir}). Publishing copies to a temp file in
 * the target's directory and renames it into place, so a killed push leaves a stray temp file at
 * worst, never a half-written NAR or narinfo.
 */
public final class FileBinaryCache implements BinaryCache {
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
  private final Path root;
  private final Set<Path> directories = ConcurrentHashMap.newKeySet();
  private final String url;

  FileBinaryCache(Path root, String url) {
    this.root = root;
    this.url = url;
  }

  @Override
  public String url() {
    return url;
  }

  private Path resolve(String file) {
    Path p = root.resolve(file).normalize();
    if (!p.startsWith(root)) {
      throw new CacheIoException(url + "/" + file, "read", "the file name leaves the cache directory", null);
    }
    return p;
  }

  @Override
  public Optional<InputStream> open(String file) {
    try {
      return Optional.of(Files.newInputStream(resolve(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CacheIoException(url + "/" + file, "read", e.toString(), e);
    }
  }

  @Override
  public boolean exists(String file) {
    return Files.isRegularFile(resolve(file));
  }

  /** The cache's root: a file staged there is published by a rename, without a copy. */
  @Override
  public Path stagingDirectory() throws IOException {
    if (!directories.contains(root)) {
      Files.createDirectories(root);
      directories.add(root);
    }
    return root;
  }

  @Override
  public void publish(String file, Path staged) {
    Path target = resolve(file);
    try {
      Path parent = target.getParent();
      if (!directories.contains(parent)) { // one mkdir per directory and push, not one per file
        Files.createDirectories(parent);
        directories.add(parent);
      }
      Files.setPosixFilePermissions(staged, READABLE);
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed); // a stray .part file in the cache's root at worst
      }
      throw new CacheIoException(url + "/" + file, "write", e.toString(), e);
    }
  }

  @Override
  public void put(String file, Path source) {
    Path target = resolve(file);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
      try {
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(temp, READABLE);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new CacheIoException(url + "/" + file, "write", e.toString(), e);
    }
  }
}
