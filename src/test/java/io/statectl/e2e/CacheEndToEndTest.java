package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.cache.NarInfo;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.Nar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two machines sharing nothing but a binary cache: A applies and pushes, B (a fresh state
 * directory at the same path, as on another machine) applies with A's key trusted and builds
 * nothing. Then the same over HTTP through {@code statectl cache serve}, with uploads by PUT.
 */
class CacheEndToEndTest {
  @TempDir Path tmp;

  private static final int PACKAGES = 20;

  private Path writeHost(Path config, String storeOptions) {
    StringBuilder toml = new StringBuilder("[system]\npackages = [");
    for (int i = 0; i < PACKAGES; i++) {
      toml.append(i == 0 ? "" : ", ").append("\"p").append(i).append('"');
    }
    toml.append("]\n\n").append(storeOptions).append('\n');
    for (int i = 0; i < PACKAGES; i++) {
      toml.append("[packages.p").append(i).append("]\nversion = \"1.").append(i).append("\"\n");
      if (i > 0) {
        toml.append("buildInputs = [\"p").append(i - 1).append("\"]\n");
      }
      toml.append("build = \"mkdir -p $out/share; echo package ").append(i).append(" > $out/share/p").append(i)
          .append("; echo $buildInputs > $out/share/deps\"\n\n");
    }
    Trees.write(config.resolve("hosts/box.toml"), toml.toString());
    return config;
  }

  private static String trusted(String url, Path pk) throws Exception {
    return "[store]\nsubstituters = [\"" + url + "\"]\ntrustedPublicKeys = [\"" + Files.readString(pk).strip() + "\"]\n";
  }

  private Statectl.Result apply(Statectl s, Path config) {
    // system.packages place etc/profile.d/statectl.sh and run/current-system: under a temp root, never the real /
    return s.run("apply", "--config", config.toString(), "--host", "box", "--home", tmp.resolve("home").toString(),
        "--root", tmp.resolve("root").toString()).ok();
  }

  @Test
  void machineB_substitutesEverythingMachineAPushed_buildsNothing_sameNarHashes() throws Exception {
    Path state = tmp.resolve("state");
    Statectl s = new Statectl(state);
    Path cache = tmp.resolve("cache");
    s.run("cache", "keygen", "--name", "machine-a-1", "--secret", tmp.resolve("sk").toString(),
        "--public", tmp.resolve("pk").toString()).ok();
    // The same configuration on both machines; A's cache is still empty, so A builds.
    Path config = writeHost(tmp.resolve("config"), trusted("file://" + cache, tmp.resolve("pk")));
    Statectl.Result a = apply(s, config);
    assertTrue(a.err().contains("has no nix-cache-info"), a.toString());
    assertTrue(a.err().contains("building " + PACKAGES + " derivation(s)"), a.toString());
    // A generation does not reference its system packages yet: push their outputs by path, then the generation.
    List<String> pushArgs = new java.util.ArrayList<>(List.of("cache", "push", "file://" + cache, "--secret",
        tmp.resolve("sk").toString()));
    pushArgs.addAll(outputs(s.run("build", "--config", config.toString(), "--host", "box").ok().out()));
    assertTrue(s.run(pushArgs.toArray(String[]::new)).ok().out().contains("pushed " + PACKAGES + " path(s)"));
    s.run("cache", "push", "file://" + cache, "--generation", "1", "--secret", tmp.resolve("sk").toString()).ok();
    String generationA = storePathOf(s.run("show-generation", "1").ok().out());

    // Machine B: nothing of A is left but the cache directory.
    s.run("server", "stop"); // machine A's resident server goes with machine A
    FileTrees.deleteRecursively(state);
    FileTrees.deleteRecursively(tmp.resolve("home"));
    FileTrees.deleteRecursively(tmp.resolve("root"));
    Statectl.Result b = apply(s, config);
    assertTrue(b.err().contains("nothing to build: "), b.toString());
    assertFalse(Pattern.compile("(?m)^built ").matcher(b.err()).find(), "B built something:\n" + b);
    assertTrue(b.err().contains("signed by machine-a-1"), b.toString());
    // The generation is the same store path; its packages are the cache's, byte for byte.
    assertEquals(generationA, storePathOf(s.run("show-generation", "1").ok().out()));
    Path store = state.resolve("store");
    int checked = 0;
    try (Stream<Path> infos = Files.list(cache).filter(p -> p.toString().endsWith(".narinfo"))) {
      for (Path p : infos.toList()) {
        NarInfo info = NarInfo.parse(Files.readString(p), store.toString(), p.toString());
        Path file = store.resolve(info.path().toString());
        if (info.path().name().startsWith("p")) {
          assertEquals(info.narHash(), Nar.narHash(file), file.toString());
          checked++;
        }
      }
    }
    assertEquals(PACKAGES, checked);
    try (Stream<Path> entries = Files.list(store)) {
      assertEquals(List.of(), entries.map(e -> e.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList(),
          "no temp leftovers in B's store");
    }
    assertTrue(s.run("history").ok().out().contains("PathSubstituted"));
  }

  @Test
  void cacheServe_acceptsAuthorisedPuts_servesThemReadOnly_andASecondMachineSubstitutesOverHttp() throws Exception {
    Path state = tmp.resolve("state");
    Statectl s = new Statectl(state);
    s.run("cache", "keygen", "--name", "served-1", "--secret", tmp.resolve("sk").toString(),
        "--public", tmp.resolve("pk").toString()).ok();
    Path config = writeHost(tmp.resolve("config"), "");
    apply(s, config);
    Path dir = tmp.resolve("served");
    Files.createDirectories(dir);
    Statectl server = new Statectl(tmp.resolve("server-state"));
    Statectl.Running serve = server.start(Map.of(), "cache", "serve", dir.toString(), "--listen", "127.0.0.1:0",
        "--allow-put", "s3cret");
    try {
      serve.awaitErr("serving ");
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(serve.errSoFar());
      assertTrue(m.find(), serve.errSoFar());
      String url = "http://127.0.0.1:" + m.group(1);
      Statectl.Result refused = s.run("cache", "push", url, "--generation", "1", "--token", "wrong");
      assertEquals(16, refused.exit(), refused.toString());
      assertTrue(refused.err().contains("HTTP status 401"), refused.toString());
      List<String> pushArgs = new java.util.ArrayList<>(List.of("cache", "push", url, "--token", "s3cret", "--secret",
          tmp.resolve("sk").toString(), "--compression", "xz"));
      pushArgs.addAll(outputs(s.run("build", "--config", config.toString(), "--host", "box").ok().out()));
      s.run(pushArgs.toArray(String[]::new)).ok();
      assertTrue(Files.isRegularFile(dir.resolve("nix-cache-info")));

      s.run("server", "stop"); // machine A's resident server goes with machine A
      FileTrees.deleteRecursively(state);
      FileTrees.deleteRecursively(tmp.resolve("home"));
      FileTrees.deleteRecursively(tmp.resolve("root"));
      Statectl.Result b = apply(s, writeHost(tmp.resolve("config"), trusted(url, tmp.resolve("pk"))));
      assertTrue(b.err().contains("nothing to build: "), b.toString());
      assertTrue(b.err().contains("from " + url), b.toString());
    } finally {
      serve.process().descendants().forEach(ProcessHandle::destroy); // the engine JVM the client started
      serve.process().destroy();
      serve.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      s.run("server", "stop");
    }
  }

  /** The output paths {@code statectl build} prints, one {@code name path} per line. */
  private static List<String> outputs(String buildOut) {
    List<String> paths = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("(?m)^p\\d+ (\\S+)$").matcher(buildOut);
    while (m.find()) {
      paths.add(m.group(1));
    }
    return paths;
  }

  private static String storePathOf(String showGeneration) {
    Matcher m = Pattern.compile("store path\\s+(\\S+)").matcher(showGeneration);
    assertTrue(m.find(), showGeneration);
    return m.group(1);
  }
}
