package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident server, seen from outside: Ctrl-C, a killed server, an older build, two clients
 * at once, and who may connect. Only meaningful with the server, so skipped in-process.
 */
class ServerEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path home;
  Statectl statectl;

  @BeforeEach
  void setUp() {
    assumeFalse(Statectl.IN_PROCESS, "server tests need the server");
    config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    home = tmp.resolve("home");
    Trees.write(home.resolve(".keep"), "");
    statectl = new Statectl(tmp.resolve("state"));
  }

  @AfterEach
  void stopServer() {
    if (statectl != null && Files.isDirectory(tmp.resolve("state"))) {
      statectl.run("server", "stop");
    }
  }

  String[] apply(String host) {
    return new String[] {"apply", "--config", config.toString(), "--host", host, "--home", home.toString()};
  }

  long serverPid() {
    try {
      return Long.parseLong(Files.readString(statectl.stateDir().resolve("server/pid")).trim());
    } catch (IOException e) {
      throw new AssertionError("no server pid file", e);
    }
  }

  @Test
  void versionAnsweredByTheClient_isTheEnginesLine() {
    statectl.run(apply("desktop")).ok();
    String client = statectl.run("--version").ok().out();
    String engine = statectl.run("--version", "--no-server").ok().out();
    assertEquals(engine, client);
    assertTrue(client.matches("statectl \\S+\n"), client);
  }

  @Test
  void ctrlC_duringApply_cancelsIt_previousGenerationStaysActive_andTheNextCommandWorks() {
    statectl.run(apply("desktop")).ok();
    statectl.run("generations").ok(); // the server is up
    Map<String, String> gen1 = Trees.content(home);

    Statectl.Running apply = statectl.start(Map.of("STATECTL_PAUSE_BEFORE", "activate"), apply("laptop"));
    apply.awaitErr("paused before activate");
    signal("INT", apply.process().pid());
    Statectl.Result r = apply.await();

    assertEquals(130, r.exit(), r.toString());
    assertTrue(r.err().contains("error[STC-E011]: cancelled before activate"), r.err());
    assertEquals(gen1, Trees.content(home), "the home is generation 1's");
    assertTrue(statectl.run("generations").ok().out().contains("*    1"), "generation 1 stays active");
    assertTrue(statectl.run("history", "--verify").ok().out().contains("event log intact"));
    assertTrue(statectl.run(apply("laptop")).ok().out().contains("is active"), "the next apply works");
    assertTrue(Files.isExecutable(home.resolve("bin/battery")));
  }

  @Test
  void killedServer_midApply_clientSaysSo_nextCommandStartsAFreshServer_logAndStoreClean() throws IOException {
    statectl.run(apply("desktop")).ok();
    statectl.run("generations").ok();
    long first = serverPid();

    Statectl.Running apply = statectl.start(Map.of("STATECTL_PAUSE_BEFORE", "build"), apply("laptop"));
    apply.awaitErr("paused before build");
    signal("KILL", first);
    Statectl.Result r = apply.await();

    assertEquals(75, r.exit(), r.toString());
    assertTrue(r.err().contains("server for " + statectl.stateDir() + " died during the command; rerun"), r.err());
    assertTrue(statectl.run("history", "--verify").ok().out().contains("event log intact: 4 record(s)"));
    assertNotEquals(first, serverPid(), "a new server");
    assertTrue(statectl.run("generations").ok().out().contains("*    1"));
    statectl.run(apply("laptop")).ok();
    try (Stream<Path> s = Files.list(statectl.stateDir().resolve("store"))) {
      List<String> temps = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
      assertEquals(List.of(), temps, "no temporary entries left in the store");
    }
    for (String line : statectl.run("generations").ok().out().lines().toList()) {
      String path = line.substring(line.lastIndexOf(' ') + 1);
      statectl.run("store", "path-info", path).ok();
    }
  }

  @Test
  void serverOfAnOlderBuild_isReplacedAutomatically() throws IOException {
    Path app = tmp.resolve("app");
    Trees.copy(Statectl.APP, app);
    Files.setPosixFilePermissions(app.resolve("bin/statectl"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Statectl own = new Statectl(tmp.resolve("state"), app);
    own.run(apply("desktop")).ok();
    own.run("generations").ok();
    long old = serverPid();
    Path jar = app.resolve("lib/statectl-shell.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

    Statectl.Result r = own.run("generations").ok();

    assertTrue(r.out().startsWith("*    1"), r.toString());
    assertEquals("", r.err(), "replacing the server is silent");
    assertNotEquals(old, serverPid());
    assertFalse(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false), "the old server is gone");
    own.run("server", "stop").ok();
  }

  @Test
  void twoClients_readsRunAlongsideAWrite_aSecondWriterWaitsAndIsToldWhy() {
    statectl.run(apply("desktop")).ok();
    statectl.run("generations").ok();
    Statectl.Running first = statectl.start(Map.of("STATECTL_PAUSE_BEFORE", "record"), apply("laptop"));
    first.awaitErr("paused before record");

    Statectl.Result read = statectl.run("generations").ok();
    assertTrue(read.out().contains("*    1"), "a read is served while the write waits: " + read);
    Statectl.Running second = statectl.start(Map.of(), apply("desktop"));
    second.awaitErr("is applying since");
    second.awaitErr("(" + statectl.stateDir().resolve("writer.lock") + "); waiting for it to finish");
    assertTrue(second.errSoFar().contains("running `statectl apply"), second.errSoFar());
    signal("INT", first.process().pid());

    assertEquals(130, first.await().exit());
    Statectl.Result r = second.await().ok();
    assertTrue(r.out().contains("no changes: generation 1 is already active"), r.toString());
  }

  @Test
  void socket_isOwnerOnly_anotherUserCannotConnect() throws Exception {
    statectl.run(apply("desktop")).ok();
    statectl.run("generations").ok();
    Path dir = statectl.stateDir().resolve("server");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("socket"), LinkOption.NOFOLLOW_LINKS)));
    assertTrue(statectl.run("server", "status").ok().out().contains("statectl server pid " + serverPid()));

    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv) && "root".equals(System.getProperty("user.name")),
        "checking as a second uid needs root and setpriv; the mode bits above were checked");
    // Everything above the server's own folder is open to others, so only that folder's mode protects it.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> asNobody = List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dstatectl.app=" + Statectl.APP,
        "-Dstatectl.launcher=/bin/false", "-cp", Statectl.APP.resolve("lib/statectl-client.jar").toString(),
        "io.statectl.client.Client", "server", "status", "--state-dir", statectl.stateDir().toString());
    Statectl.Result other = Statectl.exec(asNobody, Map.of());
    assertTrue(other.out().contains("no statectl server is running") || other.out().contains("does not answer"),
        "uid 65534 must not reach the server: " + other);
  }

  static void signal(String name, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
      assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
