package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicaliserTest {
  @TempDir Path dir;

  @AfterEach
  void makeDeletable() {
    // @TempDir cleanup as a non-root user needs the read-only directories writable again.
    FileTrees.deleteRecursively(dir.resolve("root"));
  }

  private static String perms(Path path) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static FileTime mtime(Path path) throws Exception {
    return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void canonicalise_removesWriteBitsAndSetsMtimeOneEverywhere() throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Path sub = Files.createDirectory(root.resolve("sub"));
    Path file = Files.writeString(sub.resolve("f"), "x");
    Path tool = Files.writeString(root.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    Path link = Files.createSymbolicLink(root.resolve("link"), Path.of("sub/f"));

    Canonicaliser.canonicalise(root);

    assertEquals("r-xr-xr-x", perms(root));
    assertEquals("r-xr-xr-x", perms(sub));
    assertEquals("r--r--r--", perms(file));
    assertEquals("r-xr-xr-x", perms(tool));
    for (Path p : new Path[] {root, sub, file, tool, link}) {
      assertEquals(FileTime.fromMillis(1000), mtime(p), p.toString());
    }
    assertEquals(Path.of("sub/f"), Files.readSymbolicLink(link));
  }

  @Test
  void canonicalise_clearsSetuidAndSetgid() throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Path file = Files.writeString(root.resolve("suid"), "x");
    Files.setAttribute(file, "unix:mode", 06755);
    assertEquals(06755, FileTypes.unixMode(file) & 07777);

    Canonicaliser.canonicalise(root);

    assertEquals(0555, FileTypes.unixMode(file) & 07777);
  }

  @Test
  void canonicalise_rejectsSocketNamingIt() throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Path socket = SpecialFiles.socket(root.resolve("sock"));
    UnsupportedFileTypeException e =
        assertThrows(UnsupportedFileTypeException.class, () -> Canonicaliser.canonicalise(root));
    assertEquals(socket, e.path());
  }
}
