package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's life cycle as a user drives it: out-links and roots, gc beside a running build,
 * verify and repair of a damaged path, store add and its bad inputs, gc --max-freed 0.
 */
class StoreEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Statectl statectl;

  @BeforeEach
  void setUp() {
    config = tmp.resolve("config");
    statectl = new Statectl(tmp.resolve("state"));
  }

  private Statectl.Result build(String... more) {
    List<String> args = new ArrayList<>(List.of("build", "--config", config.toString(), "--host", "box"));
    args.addAll(List.of(more));
    return statectl.run(args.toArray(String[]::new));
  }

  private static String outPath(Statectl.Result r, String pkg) {
    Matcher m = Pattern.compile("(?m)^" + pkg + " (\\S+)$").matcher(r.out());
    assertTrue(m.find(), "no output path of " + pkg + " in:\n" + r);
    return m.group(1);
  }

  private void twoPackages() {
    Trees.write(config.resolve("hosts/box.toml"), """
        [packages.lib]
        build = "mkdir -p $out/share; echo library > $out/share/lib.txt"

        [packages.app]
        buildInputs = ["lib"]
        build = "mkdir -p $out/share; echo app > $out/share/app.txt; echo $buildInputs > $out/share/uses"
        """);
  }

  @Test
  void anOutLink_rootsTheBuild_whyAliveShowsTheChain_andRemovingItMakesTheBuildGarbage() throws Exception {
    twoPackages();
    Path result = tmp.resolve("result");
    Statectl.Result built = build("app", "--out-link", result.toString()).ok();
    String app = outPath(built, "app");
    assertEquals(Path.of(app), Files.readSymbolicLink(result));
    assertTrue(built.err().contains("out-link " + result), built.toString());

    Statectl.Result roots = statectl.run("store", "roots").ok();
    assertTrue(roots.out().contains(app + "  <- out-link " + result), roots.toString());
    String lib = Files.readString(Path.of(app, "share/uses")).strip();
    Statectl.Result why = statectl.run("store", "why-alive", lib).ok();
    assertTrue(why.out().startsWith("root: out-link " + result), why.toString());
    assertTrue(why.out().contains(app + "\n   └─ " + lib), why.toString());

    Statectl.Result kept = statectl.run("gc").ok();
    assertTrue(Files.isDirectory(Path.of(app)) && Files.isDirectory(Path.of(lib)), kept.toString());

    Files.delete(result); // the out-link dangles no more: it is gone, and so is the root
    assertFalse(statectl.run("store", "roots").ok().out().contains(app));
    Statectl.Result dead = statectl.run("store", "why-alive", app);
    assertEquals(1, dead.exit(), dead.toString());
    assertTrue(dead.err().contains("STC-E104") && dead.err().contains("no root reaches"), dead.toString());
    Statectl.Result dry = statectl.run("gc", "--dry-run").ok();
    assertTrue(dry.out().contains(app + "  ") && dry.out().contains(" bytes"), dry.toString());
    statectl.run("gc").ok();
    assertFalse(Files.exists(Path.of(app)));
    assertFalse(Files.exists(Path.of(lib)));
  }

  @Test
  void gcWhileAFiftyDerivationBuildRuns_deletesNothingItNeeds_andTheBuildSucceeds() throws Exception {
    StringBuilder toml = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      toml.append("[packages.p").append(i).append("]\n");
      if (i > 0) {
        toml.append("buildInputs = [\"p").append((i - 1) / 2).append("\"]\n");
      }
      toml.append("build = \"mkdir -p $out; echo ").append(i).append(" > $out/v; echo $buildInputs > $out/inputs\"\n\n");
    }
    Trees.write(config.resolve("hosts/box.toml"), toml.toString());
    Path garbage = Files.createDirectories(tmp.resolve("garbage"));
    Files.writeString(garbage.resolve("old.txt"), "unrooted, for gc to find\n");
    String old = statectl.run("store", "add", garbage.toString()).ok().out().strip();

    Statectl.Running running = statectl.start(Map.of(), "build", "--config", config.toString(), "--host", "box",
        "--out-link", tmp.resolve("result").toString(), "-j", "2");
    int gcsDuringBuild = 0;
    while (running.process().isAlive()) {
      Statectl.Result gc = statectl.run("gc");
      assertEquals(0, gc.exit(), gc.toString());
      if (running.process().isAlive()) {
        gcsDuringBuild++;
      }
    }
    Statectl.Result built = running.await();
    assertEquals(0, built.exit(), built.toString());
    assertTrue(gcsDuringBuild >= 1, "gc never overlapped the build");
    assertFalse(Files.exists(Path.of(old)), "the gc did collect real garbage meanwhile");
    for (int i = 0; i < 50; i++) {
      assertTrue(Files.isRegularFile(Path.of(outPath(built, "p" + i), "v")), "p" + i);
    }
    statectl.run("store", "verify", "--check-contents").ok();
    try (var temps = Files.list(statectl.stateDir().resolve("temproots"))) {
      assertEquals(List.of(), temps.toList(), "no temp root is left behind");
    }
  }

  @Test
  void aRemovedStoreFile_isNamedByVerify_thenRepairedFromItsDerivation() throws Exception {
    twoPackages();
    String lib = outPath(build("lib", "--out-link", tmp.resolve("result").toString()).ok(), "lib");
    Path file = Path.of(lib, "share/lib.txt");
    Path.of(lib, "share").toFile().setWritable(true);
    Files.delete(file);

    Statectl.Result quick = statectl.run("store", "verify");
    assertEquals(0, quick.exit(), "the path is still there; only hashing sees the change: " + quick);
    Statectl.Result found = statectl.run("store", "verify", "--check-contents");
    assertEquals(16, found.exit(), found.toString());
    assertTrue(found.out().contains("damaged: " + lib), found.toString());
    assertTrue(found.err().contains("STC-E100") && found.err().contains("--repair"), found.toString());

    Statectl.Result repaired = statectl.run("store", "verify", "--check-contents", "--repair");
    assertEquals(0, repaired.exit(), repaired.toString());
    assertTrue(repaired.out().contains("repaired " + lib), repaired.toString());
    assertEquals("library\n", Files.readString(file));
    statectl.run("store", "verify", "--check-contents").ok();

    Path.of(lib).toFile().setWritable(true);
    Path.of(lib, "share").toFile().setWritable(true);
    io.statectl.kernel.store.FileTrees.deleteRecursively(Path.of(lib));
    Statectl.Result missing = statectl.run("store", "verify");
    assertEquals(16, missing.exit(), missing.toString());
    assertTrue(missing.out().contains("missing: " + lib), missing.toString());
    statectl.run("store", "verify", "--repair").ok();
    assertEquals("library\n", Files.readString(file));
  }

  @Test
  void aFlippedByte_isFoundOnlyByCheckContents() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("data.txt"), "0123456789\n");
    String added = statectl.run("store", "add", src.toString(), "--name", "data").ok().out().strip();
    assertTrue(added.endsWith("-data"), added);
    Path file = Path.of(added, "data.txt");
    file.toFile().setWritable(true);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(3);
      f.write('X');
    }
    statectl.run("store", "verify").ok();
    Statectl.Result found = statectl.run("store", "verify", "--check-contents");
    assertEquals(16, found.exit(), found.toString());
    assertTrue(found.out().contains("damaged: " + added + " has NAR hash sha256:"), found.toString());
    Statectl.Result repair = statectl.run("store", "verify", "--check-contents", "--repair");
    assertEquals(16, repair.exit(), repair.toString());
    assertTrue(repair.err().contains("STC-E101") && repair.out().contains("no derivation to rebuild it from"), repair.toString());
  }

  @Test
  void storeAdd_reAddIsTheSamePath_andBadInputsAreRefusedWithNothingRegistered() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("tree/d"));
    Files.writeString(src.resolve("f"), "content\n");
    Path tree = tmp.resolve("tree");
    String first = statectl.run("store", "add", tree.toString()).ok().out().strip();
    assertEquals(first, statectl.run("store", "add", tree.toString()).ok().out().strip());
    Files.writeString(src.resolve("f"), "changed\n");
    String changed = statectl.run("store", "add", tree.toString()).ok().out().strip();
    assertNotEquals(first, changed);
    Files.writeString(src.resolve("f"), "content\n");

    Path fifo = src.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    refused(tree, "it is a fifo", fifo.toString());
    Files.delete(fifo);

    Path sock = src.resolve("sock");
    assertEquals(0, new ProcessBuilder("python3", "-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])",
        sock.toString()).start().waitFor());
    refused(tree, "socket", sock.toString());
    Files.delete(sock);

    Path odd = Files.writeString(src.resolve("two\nlines"), "x");
    Statectl.Result nl = refused(tree, "STC-E102", "two\\nlines");
    assertEquals(6, nl.exit());
    Files.delete(odd);

    Path secret = Files.writeString(src.resolve("secret"), "no reading\n");
    Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    if (!"root".equals(System.getProperty("user.name"))) {
      refused(tree, "secret", "read");
    }
    Files.delete(secret);
    statectl.run("store", "verify").ok();
  }

  private Statectl.Result refused(Path tree, String... says) throws Exception {
    List<String> before;
    try (var s = Files.list(statectl.stateDir().resolve("store"))) {
      before = s.map(Path::toString).sorted().toList();
    }
    Statectl.Result r = statectl.run("store", "add", tree.toString());
    assertEquals(6, r.exit(), r.toString());
    for (String s : says) {
      assertTrue(r.err().contains(s), "'" + s + "' missing in: " + r);
    }
    try (var s = Files.list(statectl.stateDir().resolve("store"))) {
      assertEquals(before, s.map(Path::toString).sorted().toList(), "nothing was added");
    }
    return r;
  }

  @Test
  void gcMaxFreedZero_deletesNothing_andSaysWhatIsGarbage() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("junk"));
    Files.writeString(src.resolve("j"), "junk\n");
    String junk = statectl.run("store", "add", src.toString()).ok().out().strip();
    Statectl.Result r = statectl.run("gc", "--max-freed", "0").ok();
    assertTrue(r.out().contains("--max-freed 0: nothing deleted") && r.out().contains("1 store path(s)"), r.toString());
    assertTrue(Files.isDirectory(Path.of(junk)));
    Statectl.Result bad = statectl.run("gc", "--max-freed", "lots");
    assertEquals(2, bad.exit(), bad.toString());
    statectl.run("gc", "--max-freed", "1G").ok();
    assertFalse(Files.exists(Path.of(junk)));
  }
}
