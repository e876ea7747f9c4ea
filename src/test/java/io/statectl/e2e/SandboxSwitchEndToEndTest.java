package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox switch is the command's, not the server's: a build with {@code --no-sandbox} (or
 * the deprecated {@code STATECTL_NO_SANDBOX=1}, even when that command starts the server) runs
 * unsandboxed and is recorded so, and the next command on the same server is sandboxed again.
 * Each build tells where it ran by whether it sees a file outside the store and its build dir,
 * which only an unsandboxed builder can.
 */
class SandboxSwitchEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path marker;
  Statectl statectl;

  @BeforeEach
  void setUp() {
    RequiredTool.require("bwrap", "bubblewrap");
    config = tmp.resolve("config");
    marker = tmp.resolve("outside/marker");
    Trees.write(marker, "host file\n");
    statectl = new Statectl(tmp.resolve("state"));
    try {
      // an existing state directory: the first command already goes to (and starts) the server
      Files.createDirectories(tmp.resolve("state"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    StringBuilder toml = new StringBuilder();
    for (String name : new String[] {"one", "two", "three", "four", "five"}) {
      // the same script under five names: five derivations, so every command really builds
      toml.append("[packages.").append(name).append("]\nbuild = \"mkdir $out; if [ -e ").append(marker)
          .append(" ]; then echo outside > $out/where; else echo inside > $out/where; fi\"\n\n");
    }
    Trees.write(config.resolve("hosts/box.toml"), toml.toString());
  }

  @AfterEach
  void stopServer() {
    if (!Statectl.IN_PROCESS && Files.isDirectory(tmp.resolve("state"))) {
      statectl.run("server", "stop");
    }
  }

  private Statectl.Result build(Map<String, String> env, String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(new String[] {"build", "--config", config.toString(), "--host", "box", "--no-out-link"}, 0,
        args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return statectl.run(env, args);
  }

  private static String where(Statectl.Result r, String pkg) throws IOException {
    Matcher m = Pattern.compile("(?m)^" + pkg + " (\\S+)$").matcher(r.out());
    assertTrue(m.find(), "no output path of " + pkg + " in:\n" + r);
    return Files.readString(Path.of(m.group(1), "where")).trim();
  }

  private static String path(Statectl.Result r, String pkg) {
    Matcher m = Pattern.compile("(?m)^" + pkg + " (\\S+)$").matcher(r.out());
    assertTrue(m.find(), r.toString());
    return m.group(1);
  }

  @Test
  void noSandbox_isForOneCommand_theNextOnTheSameServerIsSandboxed_andEachIsRecorded() throws IOException {
    // the deprecated variable on the command that starts the server
    Statectl.Result aliased = build(Map.of("STATECTL_NO_SANDBOX", "1"), "one");
    aliased.ok();
    assertEquals("outside", where(aliased, "one"), aliased.toString());
    assertTrue(aliased.err().contains("STATECTL_NO_SANDBOX=1 is deprecated"), aliased.toString());
    assertTrue(aliased.err().contains("WARNING: building WITHOUT the sandbox (--no-sandbox)"), aliased.toString());
    long server = Statectl.IN_PROCESS ? 0 : serverPid();

    Statectl.Result sandboxed = build(Map.of(), "two").ok();
    assertEquals("inside", where(sandboxed, "two"), "a server started with the variable no longer keeps it");
    assertFalse(sandboxed.err().contains("WITHOUT the sandbox"), sandboxed.toString());

    Statectl.Result flagged = build(Map.of(), "--no-sandbox", "three").ok();
    assertEquals("outside", where(flagged, "three"), flagged.toString());
    Statectl.Result again = build(Map.of(), "four").ok();
    assertEquals("inside", where(again, "four"), again.toString());
    if (!Statectl.IN_PROCESS) {
      assertEquals(server, serverPid(), "one server served every command");
    }

    String unsandboxedInfo = statectl.run("store", "path-info", path(flagged, "three")).ok().out();
    assertTrue(unsandboxedInfo.contains("built locally WITHOUT the sandbox"), unsandboxedInfo);
    String json = statectl.run("store", "path-info", "--json", path(flagged, "three")).ok().out();
    assertTrue(json.matches("(?s).*\"sandboxed\"\\s*:\\s*false.*"), json);
    String sandboxedInfo = statectl.run("store", "path-info", path(again, "four")).ok().out();
    assertTrue(sandboxedInfo.contains("built locally from"), sandboxedInfo);
    assertTrue(statectl.run("store", "path-info", "--json", path(again, "four")).ok().out()
        .matches("(?s).*\"sandboxed\"\\s*:\\s*true.*"));
    assertTrue(statectl.run("log", path(flagged, "three")).ok().out().contains("built WITHOUT the sandbox"));
    assertFalse(statectl.run("log", path(again, "four")).ok().out().contains("WITHOUT the sandbox"));
    String history = statectl.run("history").ok().out();
    assertEquals(2, history.lines().filter(l -> l.contains("WITHOUT the sandbox")).count(), history);
  }

  @Test
  void storeSandboxFalse_inTheConfiguration_buildsUnsandboxed_andTheFlagIsInTheHelp() throws IOException {
    Trees.write(config.resolve("hosts/box.toml"), "[store]\nsandbox = false\n\n"
        + Files.readString(config.resolve("hosts/box.toml")));
    Statectl.Result r = build(Map.of(), "five").ok();
    assertEquals("outside", where(r, "five"), r.toString());
    assertTrue(r.err().contains("WITHOUT the sandbox (store.sandbox = false)"), r.toString());
    assertTrue(statectl.run("build", "--help").ok().out().contains("--no-sandbox"));
  }

  private long serverPid() {
    try {
      return Long.parseLong(Files.readString(statectl.stateDir().resolve("server/pid")).trim());
    } catch (IOException e) {
      throw new AssertionError("no server pid file", e);
    }
  }
}
