package io.statectl.kernel.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A binary cache in a local directory ({@code file:///dir}). Publishing copies to a temp file in
 * the target's directory and renames it into place, so a killed push leaves a stray temp file at
 * worst, never a half-written NAR or narinfo.
 */
public final class FileBinaryCache implements BinaryCache {
  private final Path root;
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

  @Override
  public void put(String file, Path source) {
    Path target = resolve(file);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
      try {
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new CacheIoException(url + "/" + file, "write", e.toString(), e);
    }
  }
}
