package io.statectl.kernel.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Names the kind of a special file (fifo, socket, device) for error messages. */
final class FileTypes {
  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private FileTypes() {}

  /** Returns what {@code path} is, e.g. {@code "fifo"}; {@code "special file"} if unknown. */
  static String describeSpecial(Path path) {
    try {
      // The "unix" view exists on Linux and macOS JDKs; it is the only portable way to see
      // S_IFMT, which BasicFileAttributes folds into isOther().
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      switch (mode & S_IFMT) {
        case S_IFIFO:
          return "fifo";
        case S_IFCHR:
          return "character device";
        case S_IFBLK:
          return "block device";
        case S_IFSOCK:
          return "socket";
        default:
          return "special file";
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "special file";
    }
  }

  /** Returns the unix mode bits of {@code path} (not following links), or -1 if unknown. */
  static int unixMode(Path path) throws IOException {
    try {
      return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }
}
