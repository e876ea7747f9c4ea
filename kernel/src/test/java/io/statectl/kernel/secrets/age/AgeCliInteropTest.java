package io.statectl.kernel.secrets.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with the real {@code age} CLI (Debian package age) in both directions, X25519 and
 * ssh-ed25519 keys made by {@code age-keygen} and {@code ssh-keygen}, binary and armored, payload
 * sizes around the 64 KiB chunk boundary.
 */
class AgeCliInteropTest {
  @TempDir Path dir;

  @BeforeAll
  static void toolsPresent() {
    for (String tool : List.of("age", "age-keygen", "ssh-keygen")) {
      boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
      if (!present && "true".equals(System.getenv("CI"))) {
        fail(tool + " is missing: apt-get install -y --no-install-recommends age openssh-client");
      }
      assumeTrue(present, tool + " is not installed (apt-get install age openssh-client)");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65535, 65536, 65537, 200_000})
  void statectlEncryptsToX25519_andAgeDecrypts(int size) throws Exception {
    Path key = dir.resolve("key.txt");
    run("age-keygen", "-o", key.toString());
    Recipient recipient = Recipient.parse(run("age-keygen", "-y", key.toString()).strip());
    byte[] plain = random(size);
    for (ArmorChoice armor : ArmorChoice.values()) {
      Path f = dir.resolve("f-" + armor + ".age");
      Files.write(f, Age.encrypt(plain, List.of(recipient), armor));
      assertArrayEquals(plain, runBytes("age", "-d", "-i", key.toString(), f.toString()), armor.name());
    }
  }

  @Test
  void statectlEncryptsToSshEd25519_andAgeDecryptsWithThePrivateKey() throws Exception {
    Path key = sshKey("host");
    Recipient recipient = Recipient.parse(Files.readString(Path.of(key + ".pub")));
    byte[] plain = random(70_000);
    for (ArmorChoice armor : ArmorChoice.values()) {
      Path f = dir.resolve("s-" + armor + ".age");
      Files.write(f, Age.encrypt(plain, List.of(recipient), armor));
      assertArrayEquals(plain, runBytes("age", "-d", "-i", key.toString(), f.toString()), armor.name());
    }
  }

  @Test
  void statectlEncryptsToSeveralRecipients_eachOpensItWithAge() throws Exception {
    Path ageKey = dir.resolve("a.txt");
    run("age-keygen", "-o", ageKey.toString());
    Path ssh = sshKey("b");
    List<Recipient> rs = List.of(Recipient.parse(run("age-keygen", "-y", ageKey.toString())),
        Recipient.parse(Files.readString(Path.of(ssh + ".pub"))),
        X25519Identity.generate().recipient());
    Path f = dir.resolve("multi.age");
    byte[] plain = "db-password\n".getBytes(StandardCharsets.UTF_8);
    Files.write(f, Age.encrypt(plain, rs, ArmorChoice.ARMORED));
    assertArrayEquals(plain, runBytes("age", "-d", "-i", ageKey.toString(), f.toString()));
    assertArrayEquals(plain, runBytes("age", "-d", "-i", ssh.toString(), f.toString()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5, 65536, 200_000})
  void ageEncryptsToX25519_binaryAndArmored_statectlDecrypts(int size) throws Exception {
    Path key = dir.resolve("key.txt");
    run("age-keygen", "-o", key.toString());
    String recipient = run("age-keygen", "-y", key.toString()).strip();
    byte[] plain = random(size);
    Path in = dir.resolve("plain");
    Files.write(in, plain);
    for (boolean armor : new boolean[] {false, true}) {
      Path f = dir.resolve("age-" + armor + ".age");
      List<String> cmd = new ArrayList<>(List.of("age", "-r", recipient, "-o", f.toString()));
      if (armor) {
        cmd.add("-a");
      }
      cmd.add(in.toString());
      run(cmd.toArray(String[]::new));
      assertArrayEquals(plain, Age.decrypt(Files.readAllBytes(f), Identities.read(key)));
    }
  }

  @Test
  void ageEncryptsToSshEd25519WithR_binaryAndArmored_statectlDecryptsWithThePrivateKey() throws Exception {
    Path key = sshKey("host");
    byte[] plain = random(100_000);
    Path in = dir.resolve("plain");
    Files.write(in, plain);
    for (String flag : List.of("-R", "-r")) {
      for (boolean armor : new boolean[] {false, true}) {
        Path f = dir.resolve("ssh-" + armor + ".age");
        String to = flag.equals("-R") ? key + ".pub" : Files.readString(Path.of(key + ".pub")).strip();
        List<String> cmd = new ArrayList<>(List.of("age", flag, to, "-o", f.toString()));
        if (armor) {
          cmd.add("-a");
        }
        cmd.add(in.toString());
        run(cmd.toArray(String[]::new));
        assertArrayEquals(plain, Age.decrypt(Files.readAllBytes(f), Identities.read(key)), flag + armor);
      }
    }
  }

  @Test
  void keysAgree_withAgeKeygen() throws Exception {
    Path key = dir.resolve("key.txt");
    run("age-keygen", "-o", key.toString());
    X25519Identity id = (X25519Identity) Identities.read(key).get(0);
    assertEquals(run("age-keygen", "-y", key.toString()).strip(), id.recipient().encoded());
    Path mine = dir.resolve("mine.txt");
    X25519Identity generated = X25519Identity.generate();
    Files.writeString(mine, generated.encoded() + "\n");
    assertEquals(generated.recipient().encoded(), run("age-keygen", "-y", mine.toString()).strip());
    Path ssh = sshKey("c");
    String pub = Files.readString(Path.of(ssh + ".pub")).strip();
    assertEquals(pub.substring(0, pub.lastIndexOf(' ')), Identities.read(ssh).get(0).recipient().encoded());
  }

  @Test
  void ageFileForSomeoneElse_isNoMatch() throws Exception {
    Path key = dir.resolve("key.txt");
    run("age-keygen", "-o", key.toString());
    Path other = dir.resolve("other.txt");
    run("age-keygen", "-o", other.toString());
    Path in = dir.resolve("plain");
    Files.writeString(in, "x");
    Path f = dir.resolve("f.age");
    run("age", "-r", run("age-keygen", "-y", other.toString()).strip(), "-o", f.toString(), in.toString());
    AgeException e = assertThrows(AgeException.class,
        () -> Age.decrypt(Files.readAllBytes(f), Identities.read(key)));
    assertEquals(AgeException.Failure.NO_MATCH, e.failure());
  }

  @Test
  void truncatedOrTamperedAgeFiles_failWithANamedMacFailure() throws Exception {
    Path key = dir.resolve("key.txt");
    run("age-keygen", "-o", key.toString());
    Path in = dir.resolve("plain");
    Files.write(in, random(100_000));
    Path f = dir.resolve("f.age");
    run("age", "-r", run("age-keygen", "-y", key.toString()).strip(), "-o", f.toString(), in.toString());
    byte[] good = Files.readAllBytes(f);
    List<Identity> ids = Identities.read(key);
    int headerEnd = indexOf(good, "\n--- ".getBytes(StandardCharsets.US_ASCII)) + 48;

    byte[] truncated = Arrays.copyOf(good, good.length - 100);
    assertFailure(AgeException.Failure.PAYLOAD, truncated, ids);
    byte[] cutAtChunk = Arrays.copyOf(good, headerEnd + 16 + 65536 + 16);
    assertFailure(AgeException.Failure.PAYLOAD, cutAtChunk, ids);
    byte[] flipped = good.clone();
    flipped[good.length - 5] ^= 1;
    assertFailure(AgeException.Failure.PAYLOAD, flipped, ids);
    byte[] header = good.clone();
    header[headerEnd - 10] = (byte) (header[headerEnd - 10] == 'A' ? 'B' : 'A'); // inside the MAC
    AgeException e = assertFailure(AgeException.Failure.HEADER_MAC, header, ids);
    assertTrue(e.getMessage().contains("MAC"), e.getMessage());
    assertTrue(e.in("secrets/db.age").getMessage().startsWith("secrets/db.age: "));
  }

  private static AgeException assertFailure(AgeException.Failure want, byte[] file, List<Identity> ids) {
    AgeException e = assertThrows(AgeException.class, () -> Age.decrypt(file, ids));
    assertEquals(want, e.failure(), e.getMessage());
    return e;
  }

  private Path sshKey(String name) throws Exception {
    Path key = dir.resolve(name + "_ed25519");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@test", "-f", key.toString());
    return key;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    return new String(runBytes(cmd), StandardCharsets.UTF_8);
  }

  static byte[] runBytes(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      fail(String.join(" ", cmd) + " exited " + rc + ": " + err);
    }
    return out;
  }

  private static int indexOf(byte[] a, byte[] b) {
    outer:
    for (int i = 0; i + b.length <= a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        if (a[i + j] != b[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
