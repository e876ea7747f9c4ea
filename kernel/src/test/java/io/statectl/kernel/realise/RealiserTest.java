package io.statectl.kernel.realise;

import io.statectl.testing.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.derivation.DerivationDraft;
import io.statectl.kernel.store.EntryMode;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.StorePath;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealiserTest {
  @TempDir Path state;
  BuildFixture f;

  @BeforeEach
  void open() {
    f = new BuildFixture(state);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void build_registersOutputWithDeriverAndReferences() throws Exception {
    StorePath dep = f.drvs.add(f.script("dep", "mkdir -p $out/bin; printf 'echo hi\\n' > $out/bin/hi").build());
    String depOut = f.file(f.drvs.get(dep).out());
    StorePath top = f.drvs.add(f.script("top", "mkdir $out; echo " + depOut + " > $out/uses").input(dep)
        .env("dep", depOut).build());
    RealiseResult r = f.realise(top);
    assertTrue(r.ok(), r.toString());
    assertEquals(2, r.built());
    StorePath out = f.drvs.get(top).out();
    assertEquals(Optional.of(top), f.store.pathInfo(out).orElseThrow().deriver());
    assertTrue(f.store.pathInfo(out).orElseThrow().references().contains(f.drvs.get(dep).out()));
    assertEquals(0, f.realise(top).built(), "an unchanged DAG builds nothing");
  }

  @Test
  void changingATransitiveInput_changesTheOutputPath() {
    StorePath dep1 = f.drvs.add(f.script("dep", "echo 1 > $out").build());
    StorePath dep2 = f.drvs.add(f.script("dep", "echo 2 > $out").build());
    Derivation top1 = f.drvs.resolve(f.script("top", "cat $dep > $out").input(dep1).build());
    Derivation top2 = f.drvs.resolve(f.script("top", "cat $dep > $out").input(dep2).build());
    assertNotEquals(top1.out(), top2.out());
  }

  @Test
  void nonZeroExit_failsAndRegistersNothing() throws Exception {
    StorePath d = f.drvs.add(f.script("bad", "echo partial > $out; exit 3").build());
    RealiseResult r = f.realise(d);
    assertFalse(r.ok());
    assertTrue(r.failures().get(0).reason().contains("exited with status 3"), r.failures().toString());
    assertFalse(f.store.isValid(f.drvs.get(d).out()));
    assertFalse(Files.exists(f.store.toFile(f.drvs.get(d).out())));
    try (InputStream log = new BuildLogs(state.resolve("logs")).open(d).orElseThrow()) {
      assertTrue(new String(log.readAllBytes(), StandardCharsets.UTF_8).contains("exited with status 3"));
    }
  }

  @Test
  void noOutput_fails() throws Exception {
    StorePath d = f.drvs.add(f.script("empty", "true").build());
    RealiseResult r = f.realise(d);
    assertTrue(r.failures().get(0).reason().contains("produced nothing at $out"), r.failures().toString());
    assertFalse(f.store.isValid(f.drvs.get(d).out()));
  }

  @Test
  void writingOutsideOut_fails() throws Exception {
    RequiredTool.need(BuildFixture.bwrap(), "bubblewrap (bwrap)", "bubblewrap");
    StorePath d = f.drvs.add(f.script("escape", "echo x > $out; echo evil > $out-evil || true").build());
    RealiseResult r = f.realise(d);
    assertFalse(r.ok());
    assertTrue(r.failures().get(0).reason().contains("wrote outside $out"), r.failures().toString());
    assertFalse(f.store.isValid(f.drvs.get(d).out()));
    assertFalse(Files.exists(Path.of(f.file(f.drvs.get(d).out()) + "-evil")));
  }

  @Test
  void relativeSymlinkLeavingOut_fails_absoluteOneIsKept() throws Exception {
    RequiredTool.need(BuildFixture.bwrap(), "bubblewrap (bwrap)", "bubblewrap");
    StorePath bad = f.drvs.add(f.script("link", "mkdir $out; ln -s ../../../etc/passwd $out/pw").build());
    assertTrue(f.realise(bad).failures().get(0).reason().contains("leads outside $out"));
    StorePath ok = f.drvs.add(f.script("abslink", "mkdir $out; ln -s /etc/passwd $out/pw").build());
    assertTrue(f.realise(ok).ok());
    assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(f.store.toFile(f.drvs.get(ok).out()).resolve("pw")));
  }

  @Test
  void referenceToUndeclaredStorePath_fails() throws Exception {
    StorePath secret = f.store.addBytes("secret", "s".getBytes(StandardCharsets.UTF_8), EntryMode.REGULAR);
    StorePath d = f.drvs.add(f.script("leak", "echo " + f.file(secret) + " > $out").build());
    RealiseResult r = f.realise(d);
    assertFalse(r.ok());
    assertTrue(r.failures().get(0).reason().contains("not among its inputs: " + secret), r.failures().toString());
    assertFalse(f.store.isValid(f.drvs.get(d).out()));
  }

  @Test
  void sandbox_hidesHostFilesUndeclaredStorePathsAndNetwork() throws Exception {
    RequiredTool.need(BuildFixture.bwrap(), "bubblewrap (bwrap)", "bubblewrap");
    StorePath secret = f.store.addBytes("secret", "s".getBytes(StandardCharsets.UTF_8), EntryMode.REGULAR);
    Path home = Path.of(System.getProperty("user.home"));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> {
      x.sendResponseHeaders(200, 2);
      x.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
      x.close();
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      String probe = String.join("\n",
          "try() { if eval \"$2\" >/dev/null 2>&1; then echo \"$1 reachable\"; else echo \"$1 denied\"; fi; }",
          "try passwd 'cat /etc/passwd'",
          "try home 'ls " + home + "'",
          "try secret 'cat " + f.file(secret) + "'",
          "try net 'exec 3<>/dev/tcp/127.0.0.1/" + port + "'",
          "try bootstrap 'cat " + f.file(f.bootstrap) + "/nix-support/interpreters'");
      StorePath d = f.drvs.add(f.script("probe", "{\n" + probe + "\n} > $out; echo HOME=$HOME >> $out; echo PATH=$PATH >> $out").build());
      assertTrue(f.realise(d).ok(), f.heard.toString());
      List<String> lines = Files.readAllLines(f.store.toFile(f.drvs.get(d).out()));
      assertEquals(List.of("passwd denied", "home denied", "secret denied", "net denied", "bootstrap reachable",
          "HOME=/homeless-shelter", "PATH=" + f.file(f.bootstrap) + "/bin"), lines);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void fixedOutput_fetchesFromLoopback_andAMismatchRegistersNothing() throws Exception {
    byte[] body = "hello fixture\n".getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hello.txt", x -> {
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hello.txt";
      StorePath good = f.drvs.add(DerivationDraft.builder("hello.txt", "builtin", Derivation.FETCHURL)
          .env("url", url).fixedOutput(Hash.of(body)).build());
      assertTrue(f.realise(good).ok(), f.heard.toString());
      assertEquals("hello fixture\n", Files.readString(f.store.toFile(f.drvs.get(good).out())));

      Hash wrong = Hash.of("other".getBytes(StandardCharsets.UTF_8));
      StorePath bad = f.drvs.add(DerivationDraft.builder("hello2.txt", "builtin", Derivation.FETCHURL)
          .env("url", url).fixedOutput(wrong).build());
      RealiseResult r = f.realise(bad);
      String reason = r.failures().get(0).reason();
      assertTrue(reason.contains("expected sha256:" + wrong.toHex()) && reason.contains("got sha256:"
          + Hash.of(body).toHex()), reason);
      assertFalse(f.store.isValid(f.drvs.get(bad).out()));
      assertFalse(Files.exists(f.store.toFile(f.drvs.get(bad).out())));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void check_passesForDeterministicBuild_andNamesTheFileThatDiffers() throws Exception {
    RequiredTool.need(BuildFixture.bwrap(), "bubblewrap (bwrap)", "bubblewrap");
    StorePath same = f.drvs.add(f.script("same", "mkdir $out; echo fixed > $out/a").build());
    StorePath stamp = f.drvs.add(f.script("stamp", "mkdir $out; echo fixed > $out/a; date +%s%N > $out/stamp").build());
    assertTrue(f.realise(same, stamp).ok());
    assertTrue(f.realiser().check(same).deterministic());
    CheckResult c = f.realiser().check(stamp);
    assertFalse(c.deterministic());
    assertTrue(c.difference().orElseThrow().startsWith("stamp: contents differ"), c.difference().toString());
  }

  @Test
  void failingBuild_stopsDependentsButNotSiblings() throws Exception {
    StorePath bad = f.drvs.add(f.script("bad", "exit 1").build());
    StorePath sibling = f.drvs.add(f.script("sibling", "echo ok > $out").build());
    StorePath dependent = f.drvs.add(f.script("dependent", "echo ok > $out").input(bad).build());
    RealiseResult r = f.realise(dependent, sibling);
    assertEquals(DagScheduler.Status.FAILED, r.status().get(bad));
    assertEquals(DagScheduler.Status.DEPENDENCY_FAILED, r.status().get(dependent));
    assertEquals(DagScheduler.Status.SUCCEEDED, r.status().get(sibling));
    assertEquals(0, f.started("dependent"));
  }

  @Test
  void twoRealisersRacingOnOneDag_buildEachOutputOnce() throws Exception {
    StorePath leaf = f.drvs.add(f.script("leaf", "sleep 0.2; echo leaf > $out").build());
    StorePath mid = f.drvs.add(f.script("mid", "cat $leaf > $out").input(leaf)
        .env("leaf", f.file(f.drvs.get(leaf).out())).build());
    Realiser a = f.realiser();
    Realiser b = f.realiser();
    java.util.concurrent.atomic.AtomicReference<RealiseResult> first = new java.util.concurrent.atomic.AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        first.set(a.realise(List.of(mid), 2, DagScheduler.FailurePolicy.STOP));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    assertTrue(b.realise(List.of(mid), 2, DagScheduler.FailurePolicy.STOP).ok());
    t.join();
    assertTrue(first.get().ok(), first.get().toString());
    assertEquals(1, f.started("leaf"));
    assertEquals(1, f.started("mid"));
  }
}
