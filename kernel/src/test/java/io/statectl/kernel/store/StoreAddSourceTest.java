package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Store#addSource} gives the path real Nix 2.8 gives; bad inputs are refused before anything is copied. */
class StoreAddSourceTest {
  @TempDir Path tmp;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open(tmp.resolve("ours/store"), LmdbPathIndex.open(tmp.resolve("ours/db")), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
    FileTrees.deleteRecursively(tmp.resolve("ours"));
  }

  private Path tree() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/d"));
    Files.writeString(src.resolve("f.txt"), "a file that mentions " + store.directory() + "/0123456789abcdfghijklmnpqrsvwxyz-x\n");
    Path x = Files.writeString(tmp.resolve("src/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(x, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(tmp.resolve("src/link"), Path.of("d/f.txt"));
    Files.createDirectories(tmp.resolve("src/empty"));
    return tmp.resolve("src");
  }

  private String nixStoreAdd(Path source, String name) throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    boolean present = Files.isExecutable(Path.of("/usr/bin/nix-store"));
    if (!present && ci) {
      fail("nix-store is missing: apt-get install -y --no-install-recommends nix-bin");
    }
    assumeTrue(present, "nix-store (nix-bin) is not installed");
    Path n = tmp.resolve("nix");
    Path named = Files.createDirectories(tmp.resolve("named")).resolve(name);
    FileTrees.copy(source, named); // nix-store --add names the path after the file
    Files.createDirectories(n.resolve("conf"));
    String sd = store.directory().toString();
    ProcessBuilder pb = new ProcessBuilder("nix-store", "--option", "substituters", "", "--option", "build-users-group", "",
        "--store", "local?store=" + sd + "&real=" + n.resolve("store") + "&state=" + n.resolve("state") + "&log=" + n.resolve("log"),
        "--add", named.toString()).redirectErrorStream(true);
    pb.environment().put("NIX_STORE_DIR", sd);
    pb.environment().put("NIX_STATE_DIR", n.resolve("state").toString());
    pb.environment().put("NIX_LOG_DIR", n.resolve("log").toString());
    pb.environment().put("NIX_CONF_DIR", n.resolve("conf").toString());
    pb.environment().put("XDG_CACHE_HOME", n.resolve("cache").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void aTreeWithAnExecutableASymlinkAndAStorePathMention_getsNixsPath() throws Exception {
    Path src = tree();
    StorePath ours = store.addSource(src, "my-src");
    assertEquals(nixStoreAdd(src, "my-src"), store.toFile(ours).toString());
    assertEquals(List.of(), List.copyOf(store.pathInfo(ours).orElseThrow().references()),
        "nix-store --add does not scan: the mention is not a reference");
    assertEquals(ours, store.addSource(src, "my-src"), "adding again gives the same path");
  }

  @Test
  void aSingleFile_getsNixsPath() throws Exception {
    Path f = Files.writeString(tmp.resolve("hello.txt"), "hello\n");
    assertEquals(nixStoreAdd(f, "hello.txt"), store.toFile(store.addSource(f, "hello.txt")).toString());
  }

  @Test
  void theFingerprint_changesWithContentAndMode_notWithATouchlessReRead() throws Exception {
    Path src = tree();
    String first = SourceFingerprint.of(src);
    assertEquals(first, SourceFingerprint.of(src));
    Files.writeString(src.resolve("d/f.txt"), "other content, other size\n");
    assertNotEquals(first, SourceFingerprint.of(src));
    String second = SourceFingerprint.of(src);
    Files.setPosixFilePermissions(src.resolve("d/f.txt"), PosixFilePermissions.fromString("rwxr-xr-x"));
    assertNotEquals(second, SourceFingerprint.of(src));
  }

  @Test
  void aFifoASocketAndANewlineInAName_areRefusedByName_andNothingIsRegistered() throws Exception {
    Path src = tree();
    Path fifo = src.resolve("d/pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    UnsupportedFileTypeException e = assertThrows(UnsupportedFileTypeException.class, () -> SourceFingerprint.of(src));
    assertEquals(fifo, e.path());
    assertThrows(UnsupportedFileTypeException.class, () -> store.addSource(src, "src"));
    Files.delete(fifo);

    Path socket = SpecialFiles.socket(src.resolve("sock"));
    assertEquals(socket, assertThrows(UnsupportedFileTypeException.class, () -> SourceFingerprint.of(src)).path());
    Files.delete(socket);

    Path odd = Files.writeString(src.resolve("two\nlines"), "x");
    FileNameRefusedException n = assertThrows(FileNameRefusedException.class, () -> SourceFingerprint.of(src));
    assertEquals(odd, n.path());
    assertTrue(n.getMessage().contains("two\\nlines"), n.getMessage());
    assertEquals(List.of(), store.validPaths());
    try (var entries = Files.list(store.directory())) {
      assertEquals(List.of(), entries.toList(), "no temp entry is left behind");
    }
  }
}
