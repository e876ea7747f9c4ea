package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A cheap fingerprint of a tree on disk from metadata only — relative path, kind, size,
 * modification time, inode and executable bit of every entry, and every symlink's target — so
 * that re-adding an unchanged tree skips reading and hashing its contents (as git's index does).
 * The walk also refuses, before anything is copied, what the store cannot hold: fifos, sockets,
 * devices and names with a newline.
 */
public final class SourceFingerprint {
  private SourceFingerprint() {}

  /**
   * Returns the fingerprint of the tree at {@code source} (symlinks are not followed).
   *
   * @throws UnsupportedFileTypeException naming a fifo, socket or device in the tree
   * @throws FileNameRefusedException naming an entry whose name holds a newline
   * @throws StoreIoException naming an entry that cannot be read
   */
  public static String of(Path source) {
    MessageDigest digest = Hash.newDigest();
    try {
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          entry(dir, attrs);
          if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new StoreIoException(dir, "read", new java.nio.file.AccessDeniedException(dir.toString()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          entry(file, attrs);
          if (attrs.isSymbolicLink()) {
            digest.update(Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8));
          } else if (!attrs.isRegularFile()) {
            throw new UnsupportedFileTypeException(file, FileTypes.describeSpecial(file));
          } else if (!Files.isReadable(file)) {
            throw new StoreIoException(file, "read", new java.nio.file.AccessDeniedException(file.toString()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) {
          throw new StoreIoException(file, "read", failure);
        }

        private void entry(Path p, BasicFileAttributes attrs) {
          String rel = source.relativize(p).toString();
          if (p.getFileName() != null && p.getFileName().toString().indexOf('\n') >= 0) {
            throw new FileNameRefusedException(p);
          }
          // the walker's attributes are basic ones: the executable bit (part of the archive) is read apart
          boolean exec = attrs.isRegularFile() && Nar.isExecutable(p);
          String line = rel + '\0' + (attrs.isDirectory() ? 'd' : attrs.isSymbolicLink() ? 'l' : 'f') + '\0'
              + attrs.size() + '\0' + attrs.lastModifiedTime().toInstant() + '\0' + attrs.fileKey() + '\0' + exec + '\n';
          digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
      });
    } catch (IOException e) {
      throw new StoreIoException(source, "read", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
