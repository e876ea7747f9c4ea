package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Puts a tree into the canonical form of store contents: no write bits (regular files {@code
 * 0444}, or {@code 0555} when owner-executable; directories {@code 0555}), no setuid, setgid or
 * sticky bits, and a modification time of 1 second after the epoch on every entry, symlinks
 * included.
 *
 * <p>Why: the store's contents must not depend on when or by whom they were made (tools such as
 * make and Python's bytecode cache read mtimes), and must not be changed once hashed. Mtime 1
 * rather than 0 because some tools treat 0 as "missing". Nix does the same.
 */
public final class Canonicaliser {
  /** The modification time of every canonical entry. */
  public static final FileTime MTIME = FileTime.fromMillis(1000);

  private static final Set<PosixFilePermission> READ_ONLY =
      PosixFilePermissions.fromString("r--r--r--");
  private static final Set<PosixFilePermission> READ_EXECUTE =
      PosixFilePermissions.fromString("r-xr-xr-x");

  private Canonicaliser() {}

  /**
   * Canonicalises {@code root} and everything under it, never following symlinks.
   *
   * @throws UnsupportedFileTypeException naming the first fifo, socket or device found
   * @throws StoreIoException if a permission or time cannot be set
   */
  public static void canonicalise(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (attrs.isSymbolicLink()) {
                setMtime(file);
              } else if (attrs.isRegularFile()) {
                // setPosixFilePermissions is a chmod of the nine permission bits only, so it
                // also clears setuid, setgid and sticky.
                Files.setPosixFilePermissions(
                    file, Nar.isExecutable(file) ? READ_EXECUTE : READ_ONLY);
                setMtime(file);
              } else {
                throw new UnsupportedFileTypeException(file, FileTypes.describeSpecial(file));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure)
                throws IOException {
              if (failure != null) {
                throw failure;
              }
              // After the children: their metadata changes do not touch the directory's mtime,
              // but we set it last anyway so nothing can bump it afterwards.
              Files.setPosixFilePermissions(dir, READ_EXECUTE);
              setMtime(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new StoreIoException(root, "canonicalise", e);
    }
  }

  private static void setMtime(Path path) throws IOException {
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(MTIME, null, null);
  }
}
