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
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets end to end: .age files made by the real age CLI, a host key made by ssh-keygen under a
 * temp root (never the real /etc or /run), apply, diff, rollback, gc and history; the leak scan;
 * and every bad input the issue names, each leaving nothing changed.
 */
class SecretsEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path root;
  Path home;
  String hostPub;
  Path adminKey;
  String adminPub;
  Statectl statectl;
  final List<Statectl.Result> outputs = new ArrayList<>();

  @BeforeAll
  static void tools() {
    for (String tool : List.of("age", "age-keygen", "ssh-keygen")) {
      boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
      if (!present && "true".equals(System.getenv("CI"))) {
        fail(tool + " is missing: apt-get install -y --no-install-recommends age openssh-client");
      }
      assumeTrue(present, tool + " is not installed");
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    config = Files.createDirectories(tmp.resolve("config"));
    root = Files.createDirectories(tmp.resolve("root"));
    home = Files.createDirectories(tmp.resolve("home"));
    Path ssh = Files.createDirectories(root.resolve("etc/ssh"));
    Commands.sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@server", "-f",
        ssh.resolve("ssh_host_ed25519_key").toString());
    hostPub = Files.readString(ssh.resolve("ssh_host_ed25519_key.pub")).strip();
    adminKey = tmp.resolve("admin.txt");
    Commands.sh("age-keygen", "-o", adminKey.toString());
    adminPub = Commands.sh("age-keygen", "-y", adminKey.toString()).strip();
    Files.createDirectories(config.resolve("secrets"));
    Files.createDirectories(config.resolve("hosts"));
    statectl = new Statectl(tmp.resolve("state"));
  }

  private void host(String extra) throws IOException {
    Files.writeString(config.resolve("hosts/server.toml"), """
        [secrets.recipients]
        server = "%s"
        admin = "%s"

        [secrets.db]
        file = "../secrets/db.age"
        mode = "0440"
        %s
        """.formatted(hostPub, adminPub, extra));
  }

  private void encrypt(String name, String plaintext, String... recipientFlags) throws Exception {
    Path in = tmp.resolve("plain-" + name);
    Files.writeString(in, plaintext);
    List<String> cmd = new ArrayList<>(List.of("age"));
    cmd.addAll(List.of(recipientFlags));
    cmd.addAll(List.of("-o", config.resolve("secrets/" + name + ".age").toString(), in.toString()));
    Commands.sh(cmd.toArray(String[]::new));
    Files.delete(in);
  }

  private Statectl.Result run(String... args) {
    Statectl.Result r = statectl.run(args);
    outputs.add(r);
    return r;
  }

  private Statectl.Result apply() {
    return run("apply", "--config", config.toString(), "--host", "server", "--home", home.toString(), "--root",
        root.toString());
  }

  private Path runtimeFile(String name) {
    return root.resolve("run/statectl/secrets/" + name);
  }

  @Test
  void leakTest_plaintextOnlyInTheRuntimeFile_withItsMode() throws Exception {
    String marker1 = marker();
    String marker2 = marker();
    host("");
    encrypt("db", marker1, "-a", "-r", adminPub, "-R", root.resolve("etc/ssh/ssh_host_ed25519_key.pub").toString());
    apply().ok();
    assertEquals(marker1, Files.readString(runtimeFile("db")));
    assertEquals("r--r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(runtimeFile("db"))));
    assertEquals("rwxr-x--x", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(root.resolve("run/statectl/secrets"))));

    Statectl.Result eval = run("eval", "secrets.db", "--config", config.toString(), "--host", "server");
    encrypt("db", marker2, "-r", adminPub, "-r", hostPub);
    apply().ok();
    assertEquals(marker2, Files.readString(runtimeFile("db")));
    Statectl.Result diff = run("diff", "1", "2").ok();
    assertTrue(diff.out().contains("secret db changed"), diff.toString());
    run("diff", "1", "2", "--json").ok();
    run("rollback").ok();
    assertEquals(marker1, Files.readString(runtimeFile("db")), "rollback restores the old secret value");
    run("switch", "--generation", "2").ok();
    assertEquals(marker2, Files.readString(runtimeFile("db")));
    run("gc", "--delete-generations", "1").ok();
    run("gc").ok();
    run("store", "verify", "--check-contents").ok();
    run("history", "--json").ok();
    run("history").ok();
    run("generations").ok();
    run("show-generation", "2").ok();
    run("status").ok();
    assertTrue(eval.ok().out().contains("secrets.db = <secret db: secrets/db.age, 2 recipients>"), eval.toString());

    long[] scanned = {0};
    List<String> hits = new ArrayList<>();
    for (String m : List.of(marker1, marker2)) {
      List<byte[]> needles = needles(m);
      try (Stream<Path> files = Files.walk(statectl.stateDir())) {
        for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
          byte[] bytes = Files.readAllBytes(f);
          scanned[0] += bytes.length;
          if (containsAny(bytes, needles)) {
            hits.add(f.toString());
          }
        }
      }
      for (Path f : List.of(config, home)) {
        try (Stream<Path> files = Files.walk(f)) {
          for (Path p : files.filter(x -> Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)).toList()) {
            byte[] bytes = Files.readAllBytes(p);
            scanned[0] += bytes.length;
            if (containsAny(bytes, needles)) {
              hits.add(p.toString());
            }
          }
        }
      }
      for (Statectl.Result r : outputs) {
        byte[] bytes = (r.out() + "\n" + r.err()).getBytes(StandardCharsets.UTF_8);
        scanned[0] += bytes.length;
        if (containsAny(bytes, needles)) {
          hits.add("output of a command: " + r);
        }
      }
    }
    System.out.println("secrets leak scan: " + scanned[0] + " bytes scanned (state dir incl. store, logs and "
        + "projections; config repository; home; " + outputs.size() + " commands' stdout+stderr, twice, for 2 "
        + "markers x raw/base64/hex), hits = " + hits.size());
    assertEquals(List.of(), hits);
    // and the only place holding the plaintext under the root is the runtime file
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> holding = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).filter(p -> {
        try {
          return containsAny(Files.readAllBytes(p), needles(marker2));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }).toList();
      assertEquals(List.of(runtimeFile("db")), holding);
    }
  }

  @Test
  void secretForOtherRecipients_isNamed_andNothingChanges() throws Exception {
    host("");
    encrypt("db", marker(), "-r", adminPub);
    Statectl.Result r = apply();
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E201"), r.err());
    assertTrue(r.err().contains("secret db (secrets/db.age) is not encrypted to this host's key"), r.err());
    assertTrue(r.err().contains(hostPub.substring(0, hostPub.lastIndexOf(' '))), r.err());
    assertTrue(r.err().contains(adminPub), "names the declared recipients: " + r.err());
    assertNothingChanged();
    Statectl.Result check = run("check", "--config", config.toString(), "--host", "server", "--root", root.toString());
    assertEquals(15, check.exit(), check.toString());
    assertTrue(check.err().contains("secret db (secrets/db.age) is not encrypted to this host's key"), check.err());
  }

  @Test
  void truncatedOrTamperedAgeFile_namesTheMacFailure_andNothingChanges() throws Exception {
    host("");
    encrypt("db", marker(), "-r", hostPub);
    Path f = config.resolve("secrets/db.age");
    byte[] good = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(good, good.length - 7));
    Statectl.Result r = apply();
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E200") && r.err().contains("secrets/db.age") && r.err().contains("MAC"), r.err());
    good[good.length - 3] ^= 0x20;
    Files.write(f, good);
    r = apply();
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("payload MAC does not verify"), r.err());
    assertNothingChanged();
  }

  @Test
  void missingIdentityFile_isNamed() throws Exception {
    host("");
    encrypt("db", marker(), "-r", hostPub);
    Files.delete(root.resolve("etc/ssh/ssh_host_ed25519_key"));
    Statectl.Result r = apply();
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("STC-E202") && r.err().contains("ssh_host_ed25519_key does not exist"), r.err());
    assertNothingChanged();
  }

  @Test
  void wrongModeString_andPathOutsideRuntime_areConfigErrorsWithLocations() throws Exception {
    host("path = \"/etc/db-password\"");
    Files.writeString(config.resolve("hosts/server.toml"),
        Files.readString(config.resolve("hosts/server.toml")).replace("mode = \"0440\"", "mode = \"rw-r-----\""));
    encrypt("db", marker(), "-r", hostPub);
    Statectl.Result r = apply();
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("secrets.db.mode 'rw-r-----' is not an octal file mode"), r.err());
    assertTrue(r.err().contains("hosts/server.toml:7"), r.err());
    assertTrue(r.err().contains("secrets.db.path '/etc/db-password' is outside the runtime directory"), r.err());
    assertTrue(r.err().contains("allowOutsideRuntime"), r.err());
    assertNothingChanged();

    host("path = \"/etc/db-password\"\nallowOutsideRuntime = true");
    apply().ok();
    assertTrue(Files.isRegularFile(root.resolve("etc/db-password")));
  }

  @Test
  void rekey_reencryptsToTheDeclaredRecipients_andRewritesNothingWhenOneFileCannotBeOpened() throws Exception {
    String db = marker();
    host("\n[secrets.api]\nfile = \"../secrets/api.age\"\n");
    encrypt("db", db, "-r", adminPub);
    encrypt("api", "api-token", "-a", "-r", adminPub);
    Path stranger = tmp.resolve("stranger.txt");
    Commands.sh("age-keygen", "-o", stranger.toString());
    Statectl.Result refused = apply();
    assertEquals(15, refused.exit(), "the host is not a recipient yet: " + refused);

    Files.writeString(config.resolve("hosts/server.toml"), Files.readString(config.resolve("hosts/server.toml"))
        + "\n[secrets.other]\nfile = \"../secrets/other.age\"\n");
    encrypt("other", "x", "-r", Commands.sh("age-keygen", "-y", stranger.toString()).strip());
    Map<String, String> before = Trees.picture(config);
    Statectl.Result r = run("secrets", "rekey", "--config", config.toString(), "--host", "server", "--identity",
        adminKey.toString());
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("secret other") && r.err().contains("rekey rewrote no file"), r.err());
    assertEquals(before, Trees.picture(config), "no file rewritten");

    Files.writeString(config.resolve("hosts/server.toml"), Files.readString(config.resolve("hosts/server.toml"))
        .replace("\n[secrets.other]\nfile = \"../secrets/other.age\"\n", ""));
    run("secrets", "rekey", "--config", config.toString(), "--host", "server", "--identity", adminKey.toString()).ok();
    assertEquals(db, Commands.sh("age", "-d", "-i", root.resolve("etc/ssh/ssh_host_ed25519_key").toString(),
        config.resolve("secrets/db.age").toString()));
    assertTrue(Files.readString(config.resolve("secrets/api.age")).startsWith("-----BEGIN AGE"), "stays armored");
    Statectl.Result check = run("secrets", "check", "--config", config.toString(), "--host", "server", "--root",
        root.toString()).ok();
    assertTrue(check.out().contains("db: host server can open it: yes"), check.toString());
    assertTrue(run("check", "--config", config.toString(), "--host", "server", "--root", root.toString()).ok().out()
        .contains("secrets of host server: all 2 open with"));
    assertTrue(run("secrets", "list", "--config", config.toString(), "--host", "server").ok().out()
        .contains("db  secrets/db.age"));
    apply().ok();
    assertEquals(db, Files.readString(runtimeFile("db")));
  }

  @Test
  void edit_runsTheEditorOnATmpfsFile_reencrypts_andLeavesNoPlaintextBehind() throws Exception {
    host("");
    encrypt("db", "old-value", "-r", hostPub);
    String fresh = marker();
    Path editor = tmp.resolve("editor.sh");
    Files.writeString(editor, "#!/bin/sh\ntest \"$(cat \"$1\")\" = old-value || exit 3\n"
        + "stat -c %a \"$1\" > " + tmp.resolve("mode") + "\necho \"$1\" > " + tmp.resolve("where")
        + "\nprintf '" + fresh + "' > \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
    Statectl.Result r = statectl.run(Map.of("EDITOR", editor.toString()), "secrets", "edit", "db", "--config",
        config.toString(), "--host", "server", "--root", root.toString());
    outputs.add(r);
    r.ok();
    assertEquals("600", Files.readString(tmp.resolve("mode")).strip());
    Path temp = Path.of(Files.readString(tmp.resolve("where")).strip());
    assertTrue(temp.startsWith("/dev/shm"), temp.toString());
    assertFalse(Files.exists(temp), "the temp file is gone");
    assertEquals(fresh, Commands.sh("age", "-d", "-i", adminKey.toString(), config.resolve("secrets/db.age").toString()),
        "re-encrypted to every declared recipient (admin too)");
    assertFalse(Files.readString(config.resolve("secrets/db.age"), StandardCharsets.ISO_8859_1).contains(fresh));
  }

  private void assertNothingChanged() {
    assertFalse(Files.exists(statectl.stateDir()), "nothing recorded");
    assertFalse(Files.exists(root.resolve("run")), "no runtime directory");
  }

  static List<byte[]> needles(String marker) {
    byte[] raw = marker.getBytes(StandardCharsets.US_ASCII);
    List<byte[]> out = new ArrayList<>();
    out.add(raw);
    out.add(HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
    out.add(HexFormat.of().withUpperCase().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
    // base64 at each of the three alignments, without the edge characters that depend on neighbours
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[raw.length + shift];
      System.arraycopy(raw, 0, shifted, shift, raw.length);
      String b64 = Base64.getEncoder().encodeToString(shifted);
      out.add(b64.substring(4, b64.length() - 4).getBytes(StandardCharsets.US_ASCII));
    }
    return out;
  }

  static boolean containsAny(byte[] hay, List<byte[]> needles) {
    for (byte[] n : needles) {
      outer:
      for (int i = 0; i + n.length <= hay.length; i++) {
        for (int j = 0; j < n.length; j++) {
          if (hay[i + j] != n[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }

  private static String marker() {
    byte[] b = new byte[48];
    new SecureRandom().nextBytes(b);
    return "MARKER-" + HexFormat.of().formatHex(b);
  }

  @SuppressWarnings("unused")
  private static Map<String, String> none() {
    return Map.of();
  }
}
