package io.statectl.kernel.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.Nar;
import io.statectl.kernel.store.NarDigest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarUnpackerTest {
  private static final String STORE = "/tmp/statectl-test-store";
  @TempDir Path tmp;

  private NarDigest unpack(byte[] nar, Path target) throws IOException {
    return NarUnpacker.unpack(new ByteArrayInputStream(nar), target, STORE, nar.length);
  }

  @Test
  void unpack_reproducesTreeWhoseNarHashesTheSame() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("bin"));
    Files.writeString(src.resolve("bin/hello"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(src.resolve("bin/hello"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(src.resolve("README"), "x".repeat(100_000));
    Files.createSymbolicLink(src.resolve("link"), Path.of("bin/hello"));
    Files.createSymbolicLink(src.resolve("inStore"), Path.of(STORE + "/abc-foo/bin"));
    ByteArrayOutputStream nar = new ByteArrayOutputStream();
    Nar.write(src, nar);
    Path out = tmp.resolve("out");
    NarDigest digest = unpack(nar.toByteArray(), out);
    assertEquals(Nar.digest(src), digest);
    assertEquals(Nar.digest(src), Nar.digest(out));
    assertTrue(Files.isExecutable(out.resolve("bin/hello")));
    assertEquals(Path.of("bin/hello"), Files.readSymbolicLink(out.resolve("link")));
  }

  private void assertRefused(byte[] nar, String entry, String words) throws IOException {
    Path out = tmp.resolve("refused");
    InvalidNarException e = assertThrows(InvalidNarException.class, () -> unpack(nar, out));
    assertEquals(entry, e.entry(), e.getMessage());
    assertTrue(e.getMessage().contains(words), e.getMessage());
    assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS), "nothing of a refused archive is kept");
  }

  @Test
  void unpack_refusesDotDotEntry() throws IOException {
    assertRefused(NarBytes.directory().file("..", "evil").end(), "/..", "'..'");
  }

  @Test
  void unpack_refusesDotEntry() throws IOException {
    assertRefused(NarBytes.directory().file(".", "evil").end(), "/.", "'.'");
  }

  @Test
  void unpack_refusesEmptyName() throws IOException {
    assertRefused(NarBytes.directory().file("", "evil").end(), "/", "empty");
  }

  @Test
  void unpack_refusesNameWithSlash() throws IOException {
    assertRefused(NarBytes.directory().file("a/b", "evil").end(), "/a/b", "'/'");
  }

  @Test
  void unpack_refusesNameWithNul() throws IOException {
    assertRefused(NarBytes.directory().file("a\0b", "evil").end(), "/a\0b", "NUL");
  }

  @Test
  void unpack_refusesUnsortedEntries() throws IOException {
    assertRefused(NarBytes.directory().file("b", "1").file("a", "2").end(), "/a", "not sorted");
  }

  @Test
  void unpack_refusesDuplicateEntries() throws IOException {
    // The attack: "a" a symlink to /etc, then a directory "a" whose files would land in /etc.
    byte[] nar = NarBytes.directory().link("a", "x").s("entry", "(", "name", "a", "node", "(", "type", "directory",
        "entry", "(", "name", "passwd", "node", "(", "type", "regular", "contents", "evil", ")", ")", ")", ")").end();
    assertRefused(nar, "/a", "twice");
  }

  @Test
  void unpack_refusesAbsoluteSymlinkOutsideStore() throws IOException {
    assertRefused(NarBytes.directory().link("etc", "/etc/passwd").end(), "/etc", "outside the store");
    assertRefused(NarBytes.directory().link("up", STORE + "/../../etc").end(), "/up", "outside the store");
  }

  @Test
  void unpack_refusesTruncatedStream() throws IOException {
    byte[] whole = NarBytes.directory().file("a", "contents of a").end();
    byte[] cut = Arrays.copyOf(whole, whole.length - 20);
    Path out = tmp.resolve("refused");
    InvalidNarException e = assertThrows(InvalidNarException.class,
        () -> NarUnpacker.unpack(new ByteArrayInputStream(cut), out, STORE, whole.length));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void unpack_refusesMoreBytesThanNarSize() throws IOException {
    byte[] whole = NarBytes.directory().file("a", "y".repeat(5000)).end();
    Path out = tmp.resolve("refused");
    InvalidNarException e = assertThrows(InvalidNarException.class,
        () -> NarUnpacker.unpack(new ByteArrayInputStream(whole), out, STORE, 1000));
    assertTrue(e.getMessage().contains("longer than its NarSize of 1000"), e.getMessage());
    assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void unpack_refusesTrailingBytesAndBadMagic() throws IOException {
    byte[] whole = NarBytes.directory().file("a", "1").end();
    byte[] longer = Arrays.copyOf(whole, whole.length + 8);
    assertRefused(longer, "/", "follow the end");
    assertRefused(new NarBytes().s("nix-archive-2", "(").raw(), "/", "expected 'nix-archive-1'");
  }
}
