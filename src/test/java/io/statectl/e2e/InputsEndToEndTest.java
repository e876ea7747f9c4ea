package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinned inputs (issue 17): another repository's modules/ imported as name/…, pinned in
 * statectl.lock by commit and NAR hash, fetched into the store; apply uses only the lock, and every
 * bad input is a coded error that leaves the lock as it was. Repositories are real, made with JGit
 * in temp dirs and read through file:// URLs.
 */
class InputsEndToEndTest {
  @TempDir Path tmp;

  private static RevCommit commit(Path repo, Map<String, String> files, String message) throws Exception {
    try (Git git = Files.exists(repo.resolve(".git")) ? Git.open(repo.toFile())
        : Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Trees.write(repo.resolve(f.getKey()), f.getValue());
      }
      git.add().addFilepattern(".").call();
      return git.commit().setMessage(message).setAuthor("Test", "t@example.org")
          .setCommitter("Test", "t@example.org").setSign(false).call();
    }
  }

  private Path config(String statectlToml) throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Trees.write(config.resolve("statectl.toml"), statectlToml);
    Trees.write(config.resolve("hosts/desktop.toml"),
        "imports = [\"../modules/common.toml\", \"shared/ssh.toml\"]\n");
    return config;
  }

  @Test
  void apply_usesOnlyTheLock_andLockUpdateMovesThePin() throws Exception {
    Path shared = tmp.resolve("shared");
    RevCommit v1 = commit(shared, Map.of(
        "modules/ssh.toml", "imports = [\"./note.toml\"]\n[files.\".ssh/config\"]\ntext = \"Host *\\n  v1\\n\"\n",
        "modules/note.toml", "[files.\"note.txt\"]\nsource = \"../files/note.txt\"\n",
        "files/note.txt", "a note from the shared repository\n"), "v1");
    String url = shared.toUri().toString();
    Path config = config("[inputs.shared]\ngit = \"" + url + "\"\nref = \"main\"\n");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    String[] apply = {"apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()};

    Statectl.Result noLock = statectl.run(apply);
    assertEquals(3, noLock.exit(), noLock.toString());
    assertTrue(noLock.err().contains("error[STC-E197]: " + config.resolve("statectl.toml") + ":1:1: input shared is "
        + "declared but " + config.resolve("statectl.lock") + " is missing"), noLock.err());
    assertTrue(noLock.err().contains("run `statectl lock --config " + config + "`"), noLock.err());

    String locked = statectl.run("lock", "--config", config.toString()).ok().out();
    assertTrue(locked.contains("shared: pinned " + v1.name().substring(0, 7)), locked);
    String lock = Files.readString(config.resolve("statectl.lock"));
    assertTrue(lock.contains("[inputs.shared]\ngit = \"" + url + "\"\nref = \"main\"\ncommit = \"" + v1.name()
        + "\"\nnarHash = \"sha256:"), lock);
    assertTrue(statectl.run("lock", "--config", config.toString()).ok().out().contains("is up to date"));
    assertEquals(lock, Files.readString(config.resolve("statectl.lock")), "locking again changes nothing");

    statectl.run(apply).ok();
    assertEquals("Host *\n  v1\n", Files.readString(home.resolve(".ssh/config")));
    assertEquals("a note from the shared repository\n", Files.readString(home.resolve("note.txt")),
        "a source path in an input's module is relative to that module, inside the input");
    String eval = statectl.run("eval", "--config", config.toString(), "--host", "desktop",
        "files.\".ssh/config\".text").ok().out();
    assertTrue(eval.contains("@shared/modules/ssh.toml:3:1"), "definitions are located in the input: " + eval);

    Path inputPath = storePathNamed(statectl, "input-shared");
    statectl.run("gc").ok();
    assertTrue(Files.isDirectory(inputPath), "the configuration snapshot refers to the input: gc keeps it");

    RevCommit v2 = commit(shared, Map.of("modules/ssh.toml",
        "imports = [\"./note.toml\"]\n[files.\".ssh/config\"]\ntext = \"Host *\\n  v2\\n\"\n"), "v2");
    assertTrue(statectl.run(apply).ok().out().contains("no changes"), "apply follows the lock, not the branch");
    String updated = statectl.run("lock", "--config", config.toString(), "--update", "shared").ok().out();
    assertTrue(updated.contains("shared: " + v1.name().substring(0, 7) + " → " + v2.name().substring(0, 7)), updated);
    assertTrue(Files.readString(config.resolve("statectl.lock")).contains("commit = \"" + v2.name() + "\""));
    statectl.run(apply).ok();
    assertEquals("Host *\n  v2\n", Files.readString(home.resolve(".ssh/config")));

    // Generation 1 deleted: replay realises it again from its snapshot, which holds the input's files.
    statectl.run("gc", "--delete-generations", "1").ok();
    Statectl.Result replay = statectl.run("replay", "--to-generation", "1", "--apply").ok();
    assertTrue(replay.err().contains("realising it again from its configuration"), replay.toString());
    assertEquals("Host *\n  v1\n", Files.readString(home.resolve(".ssh/config")));
    statectl.run(apply).ok();

    // A changed declaration makes the lock stale; apply names the fix and changes nothing.
    Trees.write(config.resolve("statectl.toml"), "[inputs.shared]\ngit = \"" + url + "\"\nref = \"release\"\n");
    Statectl.Result stale = statectl.run(apply);
    assertEquals(3, stale.exit(), stale.toString());
    assertTrue(stale.err().contains("error[STC-E198]"), stale.err());
    assertTrue(stale.err().contains("declared as " + url + " at release, but " + config.resolve("statectl.lock")
        + " pins it for " + url + " at main"), stale.err());

    // An unknown ref: lock refuses and leaves the lock byte-identical.
    String before = Files.readString(config.resolve("statectl.lock"));
    Statectl.Result unknown = statectl.run("lock", "--config", config.toString());
    assertTrue(unknown.err().contains("error[STC-E193]: input shared: " + url + " has no branch, tag or ref 'release'"),
        unknown.err());
    assertEquals(before, Files.readString(config.resolve("statectl.lock")));

    // A URL that does not answer.
    Trees.write(config.resolve("statectl.toml"), "[inputs.shared]\ngit = \"" + tmp.resolve("gone").toUri()
        + "\"\nref = \"main\"\n");
    Statectl.Result dead = statectl.run("lock", "--config", config.toString());
    assertTrue(dead.err().contains("error[STC-E194]"), dead.err());
    assertEquals(before, Files.readString(config.resolve("statectl.lock")));
  }

  @Test
  void aLockWhoseHashIsNotTheFetchedTreesIsRefusedWithBothHashes() throws Exception {
    Path shared = tmp.resolve("shared");
    commit(shared, Map.of("modules/ssh.toml", "[files.\"x.txt\"]\ntext = \"x\\n\"\n"), "one");
    Path config = config("[inputs.shared]\ngit = \"" + shared.toUri() + "\"\n");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("lock", "--config", config.toString()).ok();
    String lock = Files.readString(config.resolve("statectl.lock"));
    Matcher m = Pattern.compile("narHash = \"(sha256:[0-9a-z]+)\"").matcher(lock);
    assertTrue(m.find(), lock);
    String real = m.group(1);
    String forged = "sha256:" + "1".repeat(52);
    Files.writeString(config.resolve("statectl.lock"), lock.replace(real, forged));

    Statectl.Result r = statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home",
        home.toString());
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("error[STC-E195]"), r.err());
    assertTrue(r.err().contains("statectl.lock: " + forged), r.err());
    assertTrue(r.err().contains("fetched:       " + real), r.err());
    assertFalse(Files.exists(home.resolve("x.txt")), "nothing applied");
    try (var s = Files.list(statectl.stateDir().resolve("store"))) {
      assertEquals(1, s.filter(p -> p.getFileName().toString().endsWith("-input-shared")).count(),
          "only the tree `lock` added: the refused one was not kept");
    }
  }

  @Test
  void inputsImportingEachOther_andABadKey_areRefusedBeforeAnyLockIsWritten() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    commit(a, Map.of("modules/a.toml", "imports = [\"b/b.toml\"]\n"), "a");
    commit(b, Map.of("modules/b.toml", "imports = [\"a/a.toml\"]\n"), "b");
    Path config = config("[inputs.a]\ngit = \"" + a.toUri() + "\"\n[inputs.b]\npath = \"../b\"\n");
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Statectl.Result cycle = statectl.run("lock", "--config", config.toString());
    assertEquals(3, cycle.exit(), cycle.toString());
    assertTrue(cycle.err().contains("error[STC-E196]: inputs import each other in a cycle: a -> b -> a"), cycle.err());
    assertTrue(cycle.err().contains("a/modules/a.toml:1:12 imports b/…"), cycle.err());
    assertFalse(Files.exists(config.resolve("statectl.lock")), "no half-written lock");

    Trees.write(config.resolve("statectl.toml"), "[inputs.a]\nurl = \"" + a.toUri() + "\"\n");
    Statectl.Result bad = statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home",
        Files.createDirectories(tmp.resolve("home")).toString());
    assertEquals(3, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("error[STC-E192]: " + config.resolve("statectl.toml")
        + ":2:1: unknown key 'url' in inputs.a (did you mean 'git'?)"), bad.err());
  }

  @Test
  void aGitInputServedByGitDaemonOnLoopback_isLockedAndApplied() throws Exception {
    io.statectl.testing.RequiredTool.require("git", "git");
    Path served = Files.createDirectories(tmp.resolve("served"));
    RevCommit c = commit(served.resolve("shared"), Map.of("modules/ssh.toml",
        "[files.\"daemon.txt\"]\ntext = \"over git://\\n\"\n"), "one");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
        "--port=" + port, "--base-path=" + served, served.toString()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("daemon.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      while (true) {
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
          break;
        } catch (java.io.IOException notYet) {
          if (System.nanoTime() > deadline || !daemon.isAlive()) {
            throw new AssertionError("git daemon did not listen: " + Files.readString(tmp.resolve("daemon.log")));
          }
          Statectl.Pause.millis(50);
        }
      }
      String url = "git://127.0.0.1:" + port + "/shared";
      Path config = config("[inputs.shared]\ngit = \"" + url + "\"\nref = \"main\"\n");
      Path home = Files.createDirectories(tmp.resolve("home"));
      Statectl statectl = new Statectl(tmp.resolve("state"));
      assertTrue(statectl.run("lock", "--config", config.toString()).ok().out()
          .contains("shared: pinned " + c.name().substring(0, 7)));
      statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
      assertEquals("over git://\n", Files.readString(home.resolve("daemon.txt")));
    } finally {
      daemon.destroy();
      daemon.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private static Path storePathNamed(Statectl statectl, String suffix) throws Exception {
    try (var s = Files.list(statectl.stateDir().resolve("store"))) {
      return s.filter(p -> p.getFileName().toString().endsWith("-" + suffix)).findFirst()
          .orElseThrow(() -> new AssertionError("no store path *-" + suffix));
    }
  }
}
