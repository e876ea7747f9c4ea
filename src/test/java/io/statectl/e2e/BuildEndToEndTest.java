package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statectl build}, {@code log}, {@code why-depends}, {@code path-info --closure-size}, as a user runs them. */
class BuildEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Statectl statectl;

  @BeforeEach
  void setUp() {
    config = tmp.resolve("config");
    statectl = new Statectl(tmp.resolve("state"));
    Trees.write(config.resolve("src/hello/hello.sh"), "#!/bin/sh\ncat \"$(dirname \"$0\")/../share/greeting.txt\"\n");
    Trees.write(config.resolve("src/hello/greeting.txt"), "hello\n");
    Trees.write(config.resolve("patches/shout.patch"),
        "--- a/greeting.txt\n+++ b/greeting.txt\n@@ -1 +1 @@\n-hello\n+HELLO\n");
  }

  private void host(String toml) {
    Trees.write(config.resolve("hosts/box.toml"), toml);
  }

  private Statectl.Result build(String... more) {
    String[] args = new String[5 + more.length];
    System.arraycopy(new String[] {"build", "--config", config.toString(), "--host", "box"}, 0, args, 0, 5);
    System.arraycopy(more, 0, args, 5, more.length);
    return statectl.run(args);
  }

  private static String outPath(Statectl.Result r, String pkg) {
    Matcher m = Pattern.compile("(?m)^" + pkg + " (\\S+)$").matcher(r.out());
    assertTrue(m.find(), "no output path of " + pkg + " in:\n" + r);
    return m.group(1);
  }

  private static final String HELLO = """
      [packages.lib]
      version = "1.0"
      build = "mkdir -p $out/bin; printf '#!/bin/sh\\\\necho from-lib\\\\n' > $out/bin/libtool; chmod +x $out/bin/libtool"

      [packages.hello]
      version = "2.0"
      src = "../src/hello"
      patches = ["../patches/shout.patch"]
      buildInputs = ["lib"]
      build = '''
      mkdir -p $out/bin $out/share
      cp greeting.txt $out/share/
      libtool > $out/share/from-lib
      echo "$buildInputs" > $out/share/built-with
      cp hello.sh $out/bin/hello
      chmod +x $out/bin/hello
      '''
      """;

  @Test
  void packageWithPatchAndDependency_buildsAndRuns_unchangedRebuildsNothing_newPatchNewPath() throws Exception {
    host(HELLO);
    Statectl.Result first = build().ok();
    String hello = outPath(first, "hello");
    String lib = outPath(first, "lib");
    Process run = new ProcessBuilder(hello + "/bin/hello").redirectErrorStream(true).start();
    assertEquals("HELLO\n", new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, run.waitFor());
    assertEquals("from-lib\n", Files.readString(Path.of(hello, "share/from-lib")));

    Statectl.Result again = build().ok();
    assertEquals(hello, outPath(again, "hello"));
    assertTrue(again.err().contains("nothing to build"), again.toString());

    assertTrue(statectl.run("log", hello).ok().out().contains("applying patch"));
    Statectl.Result why = statectl.run("why-depends", hello, lib).ok();
    assertTrue(why.out().contains(hello) && why.out().contains("└─ " + lib), why.toString());
    assertTrue(statectl.run("store", "path-info", "--closure-size", hello).ok().out().contains(" path(s)"));
    assertTrue(statectl.run("history").ok().out().contains("BuildSucceeded"));

    Trees.write(config.resolve("patches/shout.patch"),
        "--- a/greeting.txt\n+++ b/greeting.txt\n@@ -1 +1 @@\n-hello\n+HOWDY\n");
    Statectl.Result patched = build().ok();
    assertNotEquals(hello, outPath(patched, "hello"));
    assertEquals(lib, outPath(patched, "lib"), "the dependency is unchanged");
    assertEquals("HOWDY\n", Files.readString(Path.of(outPath(patched, "hello"), "share/greeting.txt")));
  }

  @Test
  void aFailingBuild_exitsWithItsCodeAndRegistersNothing() {
    host("""
        [packages.broken]
        build = "echo compiling; exit 2"
        """);
    Statectl.Result r = build();
    assertEquals(10, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E060") && r.err().contains("exited with status 2"), r.toString());
    assertTrue(r.err().contains("statectl log"), r.toString());
  }

  @Test
  void check_passesForADeterministicPackage_andNamesTheFileOfOneThatEmbedsTheTime() {
    host("""
        [packages.same]
        build = "mkdir $out; echo constant > $out/data"

        [packages.clock]
        build = "mkdir $out; echo constant > $out/data; date +%s%N > $out/stamp"
        """);
    build().ok();
    Statectl.Result same = build("--check", "same").ok();
    assertTrue(same.err().contains("rebuilt identically"), same.toString());
    Statectl.Result clock = build("--check", "clock");
    assertEquals(11, clock.exit(), clock.toString());
    assertTrue(clock.err().contains("stamp: contents differ"), clock.toString());
  }

  @Test
  void fixedOutput_fetchesFromALoopbackServer_andAWrongHashFailsWithBoth() throws Exception {
    byte[] body = "fetched content\n".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/data.txt", x -> {
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data.txt";
      host("[packages.fetched]\nurl = \"" + url + "\"\nsha256 = \"" + sha + "\"\n"
          + "build = \"mkdir $out; cp data.txt $out/\"\n");
      Statectl.Result ok = build().ok();
      assertEquals("fetched content\n", Files.readString(Path.of(outPath(ok, "fetched"), "data.txt")));

      String wrong = "0".repeat(64);
      host("[packages.fetched]\nurl = \"" + url + "?v=2\"\nsha256 = \"" + wrong + "\"\n");
      Statectl.Result bad = build();
      assertEquals(10, bad.exit(), bad.toString());
      assertTrue(bad.err().contains("expected sha256:" + wrong) && bad.err().contains("got sha256:" + sha),
          bad.toString());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void twoProcessesBuildingOneDag_buildEveryOutputOnce_andBothSucceed() throws Exception {
    StringBuilder toml = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      toml.append("[packages.p").append(i).append("]\n")
          .append("build = \"sleep 0.3; echo ").append(i).append(" > $out\"\n")
          .append(i == 0 ? "" : "buildInputs = [\"p" + (i - 1) / 2 + "\"]\n");
    }
    host(toml.toString());
    String[] cmd = {"build", "--config", config.toString(), "--host", "box", "-j", "2"};
    Path log1 = tmp.resolve("one.log");
    Path log2 = tmp.resolve("two.log");
    Process a = statectl.processBuilder(cmd).redirectErrorStream(true).redirectOutput(log1.toFile()).start();
    Process b = statectl.processBuilder(cmd).redirectErrorStream(true).redirectOutput(log2.toFile()).start();
    assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, a.exitValue(), read(log1));
    assertEquals(0, b.exitValue(), read(log2));
    String history = statectl.run("history").ok().out();
    for (int i = 0; i < 6; i++) {
      Matcher m = Pattern.compile("BuildStarted.*-p" + i + "\\.drv").matcher(history);
      int runs = 0;
      while (m.find()) {
        runs++;
      }
      assertEquals(1, runs, "builder runs of p" + i + " in\n" + history);
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}
