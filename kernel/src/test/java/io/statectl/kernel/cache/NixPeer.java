package io.statectl.kernel.cache;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Nix 2.8, single-user and hermetic: its logical store directory is the statectl store's
 * (so paths and signatures mean the same), its files live under {@code root}; configuration,
 * state, logs and narinfo caches are all under {@code root} too. Never the host's /nix.
 */
final class NixPeer {
  record Run(int exit, String out, String err) {}

  final Path root;
  final String storeDir;

  NixPeer(Path root, String storeDir) throws IOException {
    requireNix();
    this.root = root;
    this.storeDir = storeDir;
    Files.createDirectories(root.resolve("conf"));
  }

  /** Without nix-store: skipped on a developer's machine, failed in CI (which must install it). */
  static void requireNix() {
    boolean present = Files.isExecutable(Path.of("/usr/bin/nix-store"));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("nix-store is missing: apt-get install -y --no-install-recommends nix-bin (.ci/run does)");
    }
    assumeTrue(present, "nix-store is not installed (apt-get install nix-bin)");
  }

  /** The local store URL: logical directory = ours, physical files under root/store. */
  String store() {
    return "local?store=" + storeDir + "&real=" + root.resolve("store") + "&state=" + root.resolve("state")
        + "&log=" + root.resolve("log");
  }

  Run run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(args));
    cmd.addAll(List.of("--option", "substituters", "", "--option", "build-users-group", ""));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("NIX_STORE_DIR", storeDir);
    env.put("NIX_STATE_DIR", root.resolve("state").toString());
    env.put("NIX_LOG_DIR", root.resolve("log").toString());
    env.put("NIX_CONF_DIR", root.resolve("conf").toString());
    env.put("XDG_CACHE_HOME", root.resolve("xdg").toString());
    env.put("HOME", root.toString());
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("nix did not finish in 120 s: " + cmd);
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs and fails the test, with Nix's stderr, unless it exits 0. */
  String ok(String... args) throws IOException, InterruptedException {
    Run r = run(args);
    if (r.exit() != 0) {
      fail(String.join(" ", args) + " exited " + r.exit() + ":\n" + r.err());
    }
    return r.out();
  }

  String nix(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("nix", "--experimental-features", "nix-command"));
    all.addAll(List.of(args));
    return ok(all.toArray(String[]::new));
  }
}
