package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarTest {
  @TempDir Path dir;

  /** Writes NAR bytes by hand, independently of {@link Nar}: u64 LE length, bytes, pad to 8. */
  private static final class HandNar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    HandNar str(String s) {
      return str(s.getBytes(StandardCharsets.UTF_8));
    }

    HandNar str(byte[] b) {
      ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      out.writeBytes(length.putLong(b.length).array());
      out.writeBytes(b);
      out.writeBytes(new byte[(8 - b.length % 8) % 8]);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  private static byte[] nar(Path root) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Nar.write(root, out);
    return out.toByteArray();
  }

  @Test
  void regularFile_isByteForByteTheDocumentedNar() throws Exception {
    Path file = Files.writeString(dir.resolve("hello"), "hello\n");
    byte[] expected =
        new HandNar()
            .str("nix-archive-1")
            .str("(")
            .str("type")
            .str("regular")
            .str("contents")
            .str("hello\n")
            .str(")")
            .bytes();
    assertArrayEquals(expected, nar(file));
    assertEquals(Hash.of(expected), Nar.narHash(file));
    assertEquals(120, Nar.narSize(file));
    assertEquals(
        "1c37d01af40be2e80691de3cc3df44377a699afbb17c68f080964b2fd071fc13",
        Nar.narHash(file).toHex());
  }

  @Test
  void regularFile_matchesNixDumpOfTheNixPillsExample() throws Exception {
    // `echo mycontent > myfile; nix-store --dump myfile | sha256sum` (Nix Pills ch. 18).
    Path file = Files.writeString(dir.resolve("myfile"), "mycontent\n");
    assertEquals(
        "2bfef67de873c54551d884fdab3055d84d573e654efa79db3c0d7b98883f9ee3",
        Nar.narHash(file).toHex());
  }

  @Test
  void tree_recordsExecutableSymlinkAndSortedEntries() throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Path script = Files.writeString(root.resolve("b"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(root.resolve("a"), "A");
    Files.createSymbolicLink(root.resolve("link"), Path.of("a"));
    Files.createDirectory(root.resolve("sub"));
    Files.createFile(root.resolve("sub").resolve("x"));

    HandNar expected = new HandNar().str("nix-archive-1").str("(").str("type").str("directory");
    expected.str("entry").str("(").str("name").str("a").str("node");
    expected.str("(").str("type").str("regular").str("contents").str("A").str(")").str(")");
    expected.str("entry").str("(").str("name").str("b").str("node");
    expected.str("(").str("type").str("regular").str("executable").str("");
    expected.str("contents").str("#!/bin/sh\n").str(")").str(")");
    expected.str("entry").str("(").str("name").str("link").str("node");
    expected.str("(").str("type").str("symlink").str("target").str("a").str(")").str(")");
    expected.str("entry").str("(").str("name").str("sub").str("node");
    expected.str("(").str("type").str("directory");
    expected.str("entry").str("(").str("name").str("x").str("node");
    expected.str("(").str("type").str("regular").str("contents").str("").str(")").str(")");
    expected.str(")").str(")").str(")");

    assertArrayEquals(expected.bytes(), nar(root));
    // Computed independently with a separate NAR writer.
    assertEquals(
        "049c5e71cd21a4db5d67082c7b2dd01f7b89d2a026af74d5d061c928d864d4f1",
        Nar.narHash(root).toHex());
  }

  @Test
  void entries_areSortedByBytesNotByLocale() throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Files.writeString(root.resolve("b"), "");
    Files.writeString(root.resolve("B"), "");
    Files.writeString(root.resolve("a"), "");
    String text = new String(nar(root), StandardCharsets.ISO_8859_1);
    int upperB = text.indexOf("\u0001\0\0\0\0\0\0\0B");
    int lowerA = text.indexOf("\u0001\0\0\0\0\0\0\0a");
    int lowerB = text.indexOf("\u0001\0\0\0\0\0\0\0b");
    assertEquals(true, upperB < lowerA && lowerA < lowerB);
  }

  @Test
  void hash_ignoresMtimeAndNonExecutablePermissionBits() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "same");
    Path b = Files.writeString(dir.resolve("b"), "same");
    Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("r--------"));
    Files.setLastModifiedTime(b, java.nio.file.attribute.FileTime.fromMillis(123456789));
    assertEquals(Nar.digest(a), Nar.digest(b));
  }

  @Test
  void socket_isRejectedWithItsPath() throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    Path socket = SpecialFiles.socket(root.resolve("s"));
    UnsupportedFileTypeException e =
        assertThrows(UnsupportedFileTypeException.class, () -> Nar.narHash(root));
    assertEquals(socket, e.path());
    assertEquals("socket", e.kind());
  }

  @Test
  void digestOfRegularFile_equalsTheDigestOfSuchAFile(@TempDir Path dir) throws Exception {
    for (String text : new String[] {"", "x", "12345678", "a derivation, not a multiple of eight"}) {
      Path f = dir.resolve("f" + text.length());
      Files.writeString(f, text);
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
      assertEquals(Nar.digest(f), Nar.digestOfRegularFile(text.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
