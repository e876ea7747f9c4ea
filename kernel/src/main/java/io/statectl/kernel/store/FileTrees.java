package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Copying and deleting file trees without ever following a symlink. */
public final class FileTrees {
  private static final Set<PosixFilePermission> OWNER_ALL =
      PosixFilePermissions.fromString("rwx------");

  private FileTrees() {}

  /**
   * Copies {@code source} to {@code target} (which must not exist): directories are recreated,
   * regular files copied with their owner-executable bit, symlinks copied as links with the same
   * target text. Nothing outside {@code source} is read.
   *
   * @throws UnsupportedFileTypeException naming the source file if it is a fifo, socket or device
   * @throws StoreIoException naming the file that could not be read or written
   */
  public static void copy(Path source, Path target) {
    try {
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectory(target.resolve(source.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Path to = target.resolve(source.relativize(file).toString());
              if (attrs.isSymbolicLink()) {
                Files.createSymbolicLink(to, Files.readSymbolicLink(file));
              } else if (attrs.isRegularFile()) {
                Files.copy(file, to, LinkOption.NOFOLLOW_LINKS);
                if (Nar.isExecutable(file)) {
                  Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
              } else {
                throw new UnsupportedFileTypeException(file, FileTypes.describeSpecial(file));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
              throw new StoreIoException(file, "read", failure);
            }
          });
    } catch (IOException e) {
      throw new StoreIoException(source, "copy into the store", e);
    }
  }

  /**
   * Deletes {@code root} and everything under it, if it exists, first making directories
   * writable again (store contents are read-only).
   *
   * @throws StoreIoException naming the entry that could not be deleted
   */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.setPosixFilePermissions(dir, OWNER_ALL);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure)
                throws IOException {
              if (failure instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure)
                throws IOException {
              if (failure != null) {
                throw failure;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new StoreIoException(root, "delete", e);
    }
  }
}
