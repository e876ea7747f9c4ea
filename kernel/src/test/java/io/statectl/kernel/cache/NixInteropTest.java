package io.statectl.kernel.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * statectl's binary cache against real Nix 2.8, both ways, over file:// and HTTP (python3 -m
 * http.server as the static server): Nix accepts what statectl pushes and refuses it under a wrong
 * key; statectl substitutes what Nix pushes, with Nix's NarHash, and refuses it under a wrong key.
 */
class NixInteropTest {
  @TempDir Path tmp;
  CacheFixture machine;
  NixPeer nix;
  Path cacheDir;
  final List<String> skipped = new ArrayList<>();
  Process http;

  @BeforeEach
  void setUp() throws IOException {
    NixPeer.requireNix();
    machine = new CacheFixture(tmp.resolve("s"));
    nix = new NixPeer(tmp.resolve("nix"), machine.storeDir());
    cacheDir = tmp.resolve("cache");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (http != null) {
      http.destroy();
      http.waitFor(5, TimeUnit.SECONDS);
    }
    if (machine != null) {
      machine.close();
    }
  }

  StorePath statectlClosure() throws IOException {
    StorePath lib = machine.store.addBytes("lib.txt", "library\n".getBytes(), EntryMode.REGULAR);
    Path src = tmp.resolve("app-src");
    Files.createDirectories(src.resolve("bin"));
    Files.writeString(src.resolve("bin/app"), "#!/bin/sh\ncat " + machine.store.toFile(lib) + "\n");
    Files.setPosixFilePermissions(src.resolve("bin/app"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(src.resolve("lib"), machine.store.toFile(lib));
    // Input-addressed, as a build output is: Nix accepts content-addressed paths without any
    // signature (they verify themselves), so only such a path shows a key being checked.
    StorePath app = StorePath.inputAddressed("output:out", Hash.of("statectl-test-app.drv"), machine.storeDir(), "app");
    machine.store.registerOutput(src, app, Optional.empty(), Set.of(lib), Optional.empty());
    return app;
  }

  void push(StorePath root, SigningKey key, Compression c) throws InterruptedException {
    new CachePush(machine.store, BinaryCache.open("file://" + cacheDir, Duration.ofSeconds(10), Optional.empty()),
        Optional.of(key), c, 4).push(List.of(root), l -> { });
  }

  String full(StorePath p) {
    return machine.storeDir() + "/" + p;
  }

  @Test
  void statectlPush_isAcceptedByNixCopy_overFileAndHttp_andRefusedUnderAWrongKey() throws Exception {
    SigningKey key = SigningKey.generate("statectl-test-1");
    StorePath app = statectlClosure();
    push(app, key, Compression.ZSTD);

    // file://, zstd: accepted, verified, same NarHash, our signature.
    nix.nix("copy", "--from", "file://" + cacheDir, "--to", nix.store(), full(app),
        "--option", "trusted-public-keys", key.publicKey().render());
    nix.ok("nix-store", "--store", nix.store(), "--verify-path", full(app));
    String sigs = nix.nix("path-info", "--store", nix.store(), "--sigs", "-r", full(app));
    assertTrue(sigs.contains("statectl-test-1:"), sigs);
    JsonNode info = new ObjectMapper().readTree(nix.nix("path-info", "--store", nix.store(), "--json", full(app))).get(0);
    PathInfo ours = machine.store.pathInfo(app).orElseThrow();
    assertEquals(ours.narHash(), Hash.parse(info.get("narHash").asText()));
    assertEquals(ours.narSize(), info.get("narSize").asLong());

    // A wrong key: Nix refuses.
    NixPeer other = new NixPeer(tmp.resolve("nix2"), machine.storeDir());
    NixPeer.Run refused = other.run("nix", "--experimental-features", "nix-command", "copy", "--from",
        "file://" + cacheDir, "--to", other.store(), full(app),
        "--option", "trusted-public-keys", SigningKey.generate("statectl-test-1").publicKey().render());
    assertNotEquals(0, refused.exit());
    assertTrue(refused.err().contains("signature") || refused.err().contains("not signed"), refused.err());

    // http:// from a plain static server, xz.
    Path xzCache = tmp.resolve("xzcache");
    new CachePush(machine.store, BinaryCache.open("file://" + xzCache, Duration.ofSeconds(10), Optional.empty()),
        Optional.of(key), Compression.XZ, 2).push(List.of(app), l -> { });
    int port = serveStatic(xzCache);
    NixPeer third = new NixPeer(tmp.resolve("nix3"), machine.storeDir());
    third.nix("copy", "--from", "http://127.0.0.1:" + port, "--to", third.store(), full(app),
        "--option", "trusted-public-keys", key.publicKey().render());
    third.ok("nix-store", "--store", third.store(), "--verify-path", full(app));
  }

  @Test
  void nixPush_isSubstitutedByStatectl_withNixsNarHash_andRefusedUnderAWrongKey() throws Exception {
    Path f = tmp.resolve("greeting.txt");
    Files.writeString(f, "hello from nix\n");
    String added = nix.ok("nix-store", "--store", nix.store(), "--add", f.toString());
    String built = nix.ok("nix-build", "--store", nix.store(), "--no-out-link", "--option", "sandbox", "true",
        "--option", "sandbox-paths", "/bin/sh /lib /lib64 /usr/lib", "-E",
        "derivation { name = \"triv\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
            + " args = [ \"-c\" \"echo ${builtins.toFile \"dep\" \"x\"} > $out\" ]; }");
    // Not the peer: nix-store opens its default store (NIX_STORE_DIR, ours) even for key generation.
    new NixPeer(tmp.resolve("keygen"), tmp.resolve("keygen/store").toString()).ok("nix-store", "--generate-binary-cache-key", "nix-test-1", tmp.resolve("nix.sk").toString(),
        tmp.resolve("nix.pk").toString());
    nix.nix("copy", "--from", nix.store(), "--to", "file://" + cacheDir + "?secret-key=" + tmp.resolve("nix.sk")
        + "&compression=xz", added, built);
    TrustedKey nixKey = TrustedKey.parse(Files.readString(tmp.resolve("nix.pk")), "nix.pk");

    // A wrong key: statectl refuses, keeps nothing.
    StorePath trivPath = StorePath.parse(Path.of(built).getFileName().toString());
    assertFalse(substitution("file://" + cacheDir, List.of(SigningKey.generate("nix-test-1").publicKey()))
        .substitute(Set.of(trivPath)));
    assertTrue(skipped.stream().anyMatch(s -> s.contains("no signature by a trusted key") && s.contains(trivPath.toString())),
        skipped.toString());
    assertEquals(List.of(), machine.strays());

    // The right key, over HTTP from a static server: substituted with its reference, Nix's NarHash.
    int port = serveStatic(cacheDir);
    for (String p : List.of(added, built)) {
      StorePath sp = StorePath.parse(Path.of(p).getFileName().toString());
      assertTrue(substitution("http://127.0.0.1:" + port, List.of(nixKey)).substitute(Set.of(sp)), skipped.toString());
      JsonNode info = new ObjectMapper().readTree(nix.nix("path-info", "--store", nix.store(), "--json", p)).get(0);
      PathInfo ours = machine.store.pathInfo(sp).orElseThrow();
      assertEquals(Hash.parse(info.get("narHash").asText()), ours.narHash());
      assertEquals(info.get("narSize").asLong(), ours.narSize());
      assertTrue(ours.signatures().stream().anyMatch(s -> s.startsWith("nix-test-1:")));
    }
    assertEquals(2 + 0, machine.store.validPaths().size() - 1, "triv, greeting and triv's dep: "
        + machine.store.validPaths());
    assertEquals("x", Files.readString(Path.of(Files.readString(machine.store.toFile(trivPath)).strip())));
  }

  Substitution substitution(String url, List<TrustedKey> keys) {
    Substituter s = new Substituter(BinaryCache.open(url, Duration.ofSeconds(10), Optional.empty()), machine.storeDir(),
        keys, Substituter.Signatures.REQUIRED);
    return new Substitution(machine.store, List.of(s), Duration.ofSeconds(10), Duration.ZERO, Clock.systemUTC(),
        new Substitution.Listener() {
          @Override
          public void substituted(PathInfo path, String from, Optional<String> signedBy, long bytes) { }

          @Override
          public void skipped(StorePath path, String from, String why) {
            skipped.add(why);
          }
        });
  }

  int serveStatic(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    http = new ProcessBuilder("python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory", dir.toString(),
        String.valueOf(port)).redirectErrorStream(true).redirectOutput(tmp.resolve("http.log").toFile()).start();
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
        return port;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("python3 -m http.server did not start on " + port);
  }
}
