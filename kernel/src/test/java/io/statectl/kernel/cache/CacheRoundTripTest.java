package io.statectl.kernel.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Push from one store to a file:// cache, substitute into a fresh store at the same directory. */
class CacheRoundTripTest {
  @TempDir Path tmp;
  CacheFixture machine;
  SigningKey key;
  Path cacheDir;
  String url;
  final List<String> skipped = new ArrayList<>();
  final List<String> substituted = new ArrayList<>();

  @BeforeEach
  void setUp() {
    machine = new CacheFixture(tmp.resolve("m"));
    key = SigningKey.generate("test-cache-1");
    cacheDir = tmp.resolve("cache");
    url = "file://" + cacheDir;
  }

  @AfterEach
  void tearDown() {
    machine.close();
  }

  /** lib (a file) ← app (a tree referencing lib by its path). */
  StorePath makeClosure() throws IOException {
    StorePath lib = machine.store.addBytes("lib", "library".getBytes(), EntryMode.REGULAR);
    Path src = tmp.resolve("app-src");
    Files.createDirectories(src.resolve("bin"));
    Files.writeString(src.resolve("bin/app"), "#!/bin/sh\nexec " + machine.store.toFile(lib) + "\n");
    Files.createSymbolicLink(src.resolve("lib"), machine.store.toFile(lib));
    Files.writeString(src.resolve("big"), "z".repeat(300_000));
    return machine.store.addTree(src, "app");
  }

  CachePush.Result push(StorePath root, Compression c) throws InterruptedException {
    return new CachePush(machine.store, BinaryCache.open(url, Duration.ofSeconds(10), Optional.empty()),
        Optional.of(key), c, 4).push(List.of(root), line -> { });
  }

  Substitution substitution(List<TrustedKey> trusted, Substituter.Signatures policy) {
    Substituter s = new Substituter(BinaryCache.open(url, Duration.ofSeconds(10), Optional.empty()),
        machine.storeDir(), trusted, policy);
    return new Substitution(machine.store, List.of(s), Duration.ofSeconds(10), Duration.ZERO, Clock.systemUTC(),
        new Substitution.Listener() {
          @Override
          public void substituted(PathInfo path, String from, Optional<String> signedBy, long bytes) {
            substituted.add(path.path() + " from " + from + " by " + signedBy.orElse("-"));
          }

          @Override
          public void skipped(StorePath path, String from, String why) {
            skipped.add(why);
          }
        });
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void pushThenSubstitute_givesTheSameClosureWithTheSameNarHashes(Compression compression) throws Exception {
    StorePath app = makeClosure();
    List<PathInfo> before = machine.store.validPaths();
    CachePush.Result r = push(app, compression);
    assertEquals(2, r.uploaded());
    assertEquals(0, push(app, compression).uploaded(), "a second push uploads nothing");
    try (Stream<Path> nars = Files.list(cacheDir.resolve("nar"))) {
      assertTrue(nars.allMatch(p -> p.toString().endsWith(compression.suffix())));
    }
    machine.wipe();
    assertFalse(machine.store.isValid(app));
    assertTrue(substitution(List.of(key.publicKey()), Substituter.Signatures.REQUIRED).substitute(Set.of(app)), skipped.toString());
    assertEquals(2, substituted.size());
    assertTrue(substituted.get(0).endsWith(" by test-cache-1"), substituted.toString());
    List<PathInfo> after = machine.store.validPaths();
    assertEquals(before.stream().map(PathInfo::narHash).toList(), after.stream().map(PathInfo::narHash).toList());
    assertEquals(before.stream().map(PathInfo::references).toList(), after.stream().map(PathInfo::references).toList());
    assertEquals(List.of(), machine.strays());
    assertFalse(after.get(0).signatures().isEmpty(), "the signature is kept in the path info");
  }

  void assertRefused(StorePath app, String words) throws IOException {
    assertFalse(substitution(List.of(key.publicKey()), Substituter.Signatures.REQUIRED).substitute(Set.of(app)));
    assertTrue(skipped.stream().anyMatch(s -> s.contains(words)), skipped.toString());
    assertTrue(skipped.stream().allMatch(s -> s.contains(app.toString()) || s.contains("nix-cache-info")
        || s.contains(".narinfo")), "the error names the path: " + skipped);
    assertTrue(skipped.stream().allMatch(s -> s.contains(cacheDir.toString())), "the error names the cache: " + skipped);
    assertFalse(machine.store.isValid(app));
    assertEquals(List.of(), machine.strays(), "nothing of a refused substitute is kept");
  }

  Path narinfo(StorePath p) {
    return cacheDir.resolve(p.hash() + ".narinfo");
  }

  @Test
  void wrongKey_isRefused() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.ZSTD);
    machine.wipe();
    key = SigningKey.generate("test-cache-1"); // same name, other key
    assertRefused(app, "no signature by a trusted key");
  }

  @Test
  void unsigned_isRefusedWhenSignaturesAreRequired_andAcceptedWhenNot() throws Exception {
    StorePath app = makeClosure();
    new CachePush(machine.store, BinaryCache.open(url, Duration.ofSeconds(5), Optional.empty()), Optional.empty(),
        Compression.NONE, 2).push(List.of(app), l -> { });
    machine.wipe();
    assertRefused(app, "it has no signature");
    assertTrue(substitution(List.of(), Substituter.Signatures.OPTIONAL).substitute(Set.of(app)));
  }

  @Test
  void changedNarSize_breaksTheSignature() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.ZSTD);
    String text = Files.readString(narinfo(app));
    Files.writeString(narinfo(app), text.replaceAll("NarSize: (\\d+)", "NarSize: 1$1"));
    machine.wipe();
    assertRefused(app, "no signature by a trusted key");
  }

  /** Re-signs after tampering, so that only the content checks can catch it. */
  void tamper(StorePath p, java.util.function.UnaryOperator<String> edit) throws IOException {
    NarInfo info = NarInfo.parse(edit.apply(Files.readString(narinfo(p))), machine.storeDir(), "t");
    NarInfo resigned = new NarInfo(info.storeDir(), info.path(), info.url(), info.compression(), info.fileHash(),
        info.fileSize(), info.narHash(), info.narSize(), info.references(), info.deriver(), List.of(), info.ca());
    Files.writeString(narinfo(p), resigned.withSignature(key.signFingerprint(resigned.fingerprint())).render());
  }

  /** Changes the last character of the value on the line starting with {@code key}. */
  static String flipLastChar(String text, String key) {
    int start = text.indexOf("\n" + key) + 1;
    int end = text.indexOf('\n', start) - 1;
    char c = text.charAt(end);
    return text.substring(0, end) + (c == 'a' ? 'b' : 'a') + text.substring(end + 1);
  }

  @Test
  void narHashMismatch_isRefused() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.NONE);
    tamper(app, t -> flipLastChar(t, "NarHash: "));
    machine.wipe();
    assertRefused(app, "NarHash is");
  }

  @Test
  void fileHashMismatch_isRefused() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.XZ);
    tamper(app, t -> flipLastChar(t, "FileHash: "));
    machine.wipe();
    assertRefused(app, "FileHash is");
  }

  @Test
  void smallerNarSizeThanTheArchive_isRefusedWhileStreaming() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.ZSTD);
    tamper(app, t -> t.replaceAll("NarSize: (\\d+)", "NarSize: 1000"));
    machine.wipe();
    assertRefused(app, "longer than its NarSize of 1000");
  }

  @Test
  void narinfoForAnotherPath_isRefused() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.ZSTD);
    StorePath lib = machine.store.validPaths().stream().map(PathInfo::path).filter(p -> p.name().equals("lib")).findFirst().orElseThrow();
    Files.copy(narinfo(lib), narinfo(app), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    machine.wipe();
    assertRefused(app, "but its StorePath is");
  }

  @Test
  void storeDirMismatch_isRefusedNamingBoth() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.ZSTD);
    Files.writeString(cacheDir.resolve("nix-cache-info"), "StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 40\n");
    machine.wipe();
    assertRefused(app, "is for the store directory /nix/store, this store is " + machine.storeDir());
  }

  @Test
  void missingReference_isRefused() throws Exception {
    StorePath app = makeClosure();
    push(app, Compression.ZSTD);
    StorePath lib = machine.store.validPaths().stream().map(PathInfo::path).filter(p -> p.name().equals("lib")).findFirst().orElseThrow();
    Files.delete(narinfo(lib));
    machine.wipe();
    assertRefused(app, "its reference " + lib + " is neither valid here nor in the cache");
  }

  @Test
  void deadCache_fallsThroughWithAReason() throws Exception {
    StorePath app = makeClosure();
    machine.wipe();
    url = "http://127.0.0.1:1"; // nothing listens on port 1
    assertFalse(substitution(List.of(key.publicKey()), Substituter.Signatures.REQUIRED).substitute(Set.of(app)));
    assertTrue(skipped.stream().anyMatch(s -> s.contains("127.0.0.1:1")), skipped.toString());
  }
}
