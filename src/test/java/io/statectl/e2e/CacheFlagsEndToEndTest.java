package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache from the command line alone: machine A pushes a host with {@code cache push --host}
 * (no apply, no PATHs); machine B, whose configuration names no cache, applies it with Nix's
 * {@code --substituters} and {@code --option trusted-public-keys} and builds nothing; {@code store
 * path-info} then says where each path came from. Bad flags are refused before anything runs.
 */
class CacheFlagsEndToEndTest {
  @TempDir Path tmp;

  private static final int PACKAGES = 4;

  private Path writeHost(Path config) {
    StringBuilder toml = new StringBuilder("[system]\npackages = [");
    for (int i = 0; i < PACKAGES; i++) {
      toml.append(i == 0 ? "" : ", ").append("\"q").append(i).append('"');
    }
    toml.append("]\n\n");
    for (int i = 0; i < PACKAGES; i++) {
      toml.append("[packages.q").append(i).append("]\nversion = \"2.").append(i).append("\"\n");
      if (i > 0) {
        toml.append("buildInputs = [\"q").append(i - 1).append("\"]\n");
      }
      toml.append("build = \"mkdir -p $out/share; echo flags ").append(i).append(" > $out/share/q").append(i)
          .append("\"\n\n");
    }
    Trees.write(config.resolve("hosts/box.toml"), toml.toString());
    return config;
  }

  @Test
  void pushHost_thenApplyWithNixFlags_buildsNothing_andPathInfoSaysWhereEachPathCameFrom() throws Exception {
    Path state = tmp.resolve("state");
    Statectl s = new Statectl(state);
    Path cache = tmp.resolve("cache");
    s.run("cache", "keygen", "--name", "flags-a-1", "--secret", tmp.resolve("sk").toString(),
        "--public", tmp.resolve("pk").toString()).ok();
    String pk = Files.readString(tmp.resolve("pk")).strip();
    Path config = writeHost(tmp.resolve("config"));

    Statectl.Result pushed = s.run("cache", "push", "file://" + cache, "--host", "box", "--config", config.toString(),
        "--secret", tmp.resolve("sk").toString()).ok();
    assertTrue(pushed.err().contains("building " + PACKAGES + " derivation(s)"), pushed.toString());
    assertTrue(pushed.err().contains("built generation of profile system for host box"), pushed.toString());
    assertTrue(Pattern.compile("pushing \\d+ path\\(s\\) \\(").matcher(pushed.err()).find(), pushed.toString());
    assertTrue(s.run("generations").ok().out().contains("no generations yet"), "push --host activates nothing");
    Matcher q0Line = Pattern.compile("(?m)^q0 (\\S+)$").matcher(s.run("build", "--config", config.toString(), "--host",
        "box", "--no-out-link", "q0").ok().out());
    assertTrue(q0Line.find());
    String q0 = q0Line.group(1);
    assertTrue(s.run("store", "path-info", q0).ok().out().contains("origin        built locally from "), q0);

    // Machine B: nothing of A but the cache; its configuration names no substituter at all.
    s.run("server", "stop");
    FileTrees.deleteRecursively(state);
    Statectl.Result b = s.run("apply", "--config", config.toString(), "--host", "box", "--home",
        tmp.resolve("home").toString(), "--root", tmp.resolve("root").toString(),
        "--substituters", "file://" + cache, "--option", "trusted-public-keys", pk, "--option", "http-connections=2");
    b.ok();
    assertTrue(b.err().contains("nothing to build: "), b.toString());
    assertFalse(Pattern.compile("(?m)^built ").matcher(b.err()).find(), "B built something:\n" + b);
    assertTrue(b.err().contains("downloading "), b.toString());
    String info = s.run("store", "path-info", q0).ok().out();
    assertTrue(info.contains("origin        substituted from file://" + cache + ", signed by flags-a-1"), info);
    String json = s.run("store", "path-info", "--json", q0).ok().out().replaceAll("\\s", "");
    assertTrue(json.contains("\"origin\":{\"kind\":\"substituted\""), json);
    assertTrue(json.contains("\"signedBy\":\"flags-a-1\""), json);
  }

  @Test
  void badFlags_areRefusedWithTheirWord_beforeAnythingIsBuilt() {
    Statectl s = new Statectl(tmp.resolve("state"));
    Path config = writeHost(tmp.resolve("config"));
    Statectl.Result url = s.run("build", "--config", config.toString(), "--host", "box", "--no-out-link",
        "--substituters", "ftp://cache.example.org");
    assertEquals(2, url.exit(), url.toString());
    assertTrue(url.err().contains("error[STC-E166]: --substituters: word 1 'ftp://cache.example.org' is not a binary "
        + "cache URL"), url.toString());
    Statectl.Result key = s.run("apply", "--config", config.toString(), "--host", "box", "--home",
        tmp.resolve("home").toString(), "--root", tmp.resolve("root").toString(), "--option",
        "extra-trusted-public-keys=cache.example.org-1");
    assertEquals(2, key.exit(), key.toString());
    assertTrue(key.err().contains("error[STC-E166]: --option extra-trusted-public-keys: word 1 "
        + "'cache.example.org-1' is not a public key in NAME:base64 form"), key.toString());
    assertFalse(Files.exists(tmp.resolve("state/store")), "nothing was built");
  }
}
