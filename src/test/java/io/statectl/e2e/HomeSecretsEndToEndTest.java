package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code home.secrets}: a user's age key made by the real age-keygen in the home, a file encrypted
 * by the real age CLI, placed under a temp {@code XDG_RUNTIME_DIR} (never the home or the store)
 * with its mode, removed once no longer declared; and the leak scan over the state directory,
 * the home and every command's output, including {@code store verify --check-contents}.
 */
class HomeSecretsEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path home;
  Path runtime;
  String userPub;
  Statectl statectl;
  Map<String, String> env;
  final List<Statectl.Result> outputs = new ArrayList<>();

  @BeforeAll
  static void tools() {
    for (String tool : List.of("age", "age-keygen")) {
      boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
      if (!present && "true".equals(System.getenv("CI"))) {
        fail(tool + " is missing: apt-get install -y --no-install-recommends age");
      }
      assumeTrue(present, tool + " is not installed");
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    config = Files.createDirectories(tmp.resolve("config"));
    home = Files.createDirectories(tmp.resolve("home"));
    runtime = Files.createDirectories(tmp.resolve("run-user"));
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
    Path key = Files.createDirectories(home.resolve(".config/age")).resolve("keys.txt");
    Commands.sh("age-keygen", "-o", key.toString());
    userPub = Commands.sh("age-keygen", "-y", key.toString()).strip();
    Files.createDirectories(config.resolve("secrets"));
    Files.createDirectories(config.resolve("hosts"));
    statectl = new Statectl(tmp.resolve("state"));
    // in-process: the runtime directory is the applying process's own environment
    env = Map.of("XDG_RUNTIME_DIR", runtime.toString(), "STATECTL_NO_SERVER", "1");
  }

  private void host(String secrets) throws IOException {
    Files.writeString(config.resolve("hosts/desktop.toml"), """
        [home]
        username = "alice"

        [home.file.".config/app/settings"]
        text = "token file: $XDG_RUNTIME_DIR/statectl/secrets/token"

        [home.secrets]
        identity = "~/.config/age/keys.txt"

        [home.secrets.recipients]
        alice = "%s"
        %s
        """.formatted(userPub, secrets));
  }

  private void encrypt(String name, String plaintext, String... flags) throws Exception {
    Path in = tmp.resolve("plain-" + name);
    Files.writeString(in, plaintext);
    List<String> cmd = new ArrayList<>(List.of("age"));
    cmd.addAll(List.of(flags));
    cmd.addAll(List.of("-o", config.resolve("secrets/" + name + ".age").toString(), in.toString()));
    Commands.sh(cmd.toArray(String[]::new));
    Files.delete(in);
  }

  private Statectl.Result run(String... args) {
    Statectl.Result r = statectl.run(env, args);
    outputs.add(r);
    return r;
  }

  private Statectl.Result apply() {
    return run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString());
  }

  private Path runtimeFile(String name) {
    return runtime.resolve("statectl/secrets/" + name);
  }

  @Test
  void homeSecret_isPlacedUnderTheRuntimeDir_withItsMode_removedWhenUndeclared_andLeaksNowhere() throws Exception {
    String marker = marker();
    host("""
        [home.secrets.token]
        file = "../secrets/token.age"
        mode = "0400"
        """);
    encrypt("token", marker, "-a", "-r", userPub);
    Statectl.Result first = apply().ok();
    assertTrue((first.out() + first.err()).contains("home secrets: 1 placed under " + runtime.resolve("statectl/secrets")),
        first.toString());
    assertEquals(marker, Files.readString(runtimeFile("token")));
    assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runtimeFile("token"))));
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(runtime.resolve("statectl/secrets"))));
    assertEquals(Files.getOwner(home), Files.getOwner(runtimeFile("token")), "owned by the home's user");
    assertTrue(Files.readString(home.resolve(".config/app/settings")).contains("statectl/secrets/token"),
        "a home file refers to the path");
    Statectl.Result eval = run("eval", "home.secrets.token", "--config", config.toString(), "--host", "desktop");
    run("generations", "--profile", "home-alice").ok();
    run("history", "--json").ok();
    run("store", "verify", "--check-contents").ok();

    host("");
    apply().ok();
    assertFalse(Files.exists(runtimeFile("token")), "removed when no longer declared");
    run("store", "verify", "--check-contents").ok();
    run("rollback", "--profile", "home-alice").ok();
    assertEquals(marker, Files.readString(runtimeFile("token")), "rollback places it again");
    assertTrue(eval.ok().out().contains("home.secrets.token = <secret token: secrets/token.age, 1 recipient>"),
        eval.toString());

    List<byte[]> needles = SecretsEndToEndTest.needles(marker);
    long scanned = 0;
    List<String> hits = new ArrayList<>();
    for (Path dir : List.of(statectl.stateDir(), home, config)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
          byte[] bytes = Files.readAllBytes(f);
          scanned += bytes.length;
          if (SecretsEndToEndTest.containsAny(bytes, needles)) {
            hits.add(f.toString());
          }
        }
      }
    }
    for (Statectl.Result r : outputs) {
      byte[] bytes = (r.out() + "\n" + r.err()).getBytes(StandardCharsets.UTF_8);
      scanned += bytes.length;
      if (SecretsEndToEndTest.containsAny(bytes, needles)) {
        hits.add("output of a command: " + r);
      }
    }
    System.out.println("home secrets leak scan: " + scanned + " bytes scanned (state dir incl. store, home, config, "
        + outputs.size() + " commands' output; raw/base64/hex), hits = " + hits.size());
    assertEquals(List.of(), hits);
  }

  @Test
  void homeSecretForAnotherKey_isNamed_andNothingChanges() throws Exception {
    Path other = tmp.resolve("other.txt");
    Commands.sh("age-keygen", "-o", other.toString());
    host("""
        [home.secrets.token]
        file = "../secrets/token.age"
        """);
    encrypt("token", marker(), "-r", Commands.sh("age-keygen", "-y", other.toString()).strip());
    Statectl.Result r = apply();
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E201") && r.err().contains("secret token (secrets/token.age) is not encrypted"),
        r.err());
    assertFalse(Files.exists(statectl.stateDir()), "nothing recorded");
    assertFalse(Files.exists(runtime.resolve("statectl")), "nothing placed");
    assertFalse(Files.exists(home.resolve(".config/app")), "nothing linked");
  }

  @Test
  void homeSecretPath_cannotBeSet() throws Exception {
    host("""
        [home.secrets.token]
        file = "../secrets/token.age"
        path = "/home/alice/token"
        """);
    encrypt("token", marker(), "-r", userPub);
    Statectl.Result r = apply();
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("home.secrets.token.path cannot be set for a home's secret"), r.err());
    assertFalse(Files.exists(statectl.stateDir()), "nothing recorded");
  }

  private static String marker() {
    byte[] b = new byte[48];
    new SecureRandom().nextBytes(b);
    return "MARKER-" + HexFormat.of().formatHex(b);
  }
}
