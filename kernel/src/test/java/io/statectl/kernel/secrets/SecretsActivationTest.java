package io.statectl.kernel.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.secrets.age.Age;
import io.statectl.kernel.secrets.age.ArmorChoice;
import io.statectl.kernel.secrets.age.X25519Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placing secrets under a temp root: modes, owner, atomic replacement, all or nothing, stale files. */
class SecretsActivationTest {
  @TempDir Path tmp;
  Path root;
  X25519Identity host;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    host = X25519Identity.generate();
    Files.createDirectories(root.resolve("etc/statectl"));
    Files.writeString(root.resolve("etc/statectl/host.key"), "# host\n" + host.encoded() + "\n");
  }

  private Path generation(String name, List<SecretsManifest.Entry> entries, List<byte[]> ciphertexts) throws Exception {
    Path g = Files.createDirectories(tmp.resolve(name));
    for (int i = 0; i < entries.size(); i++) {
      Path c = g.resolve(entries.get(i).copyInGeneration());
      Files.createDirectories(c.getParent());
      Files.write(c, ciphertexts.get(i));
    }
    Files.write(g.resolve(SecretsManifest.FILE_NAME),
        new SecretsManifest(1, "/etc/statectl/host.key", entries).toJson());
    return g;
  }

  private SecretsManifest.Entry entry(String name, String owner, String group, String mode) {
    return new SecretsManifest.Entry(name, "secrets/" + name + ".age", "00", "/run/statectl/secrets/" + name, owner,
        group, mode, List.of(host.recipient().encoded()));
  }

  private byte[] toHost(String plain) {
    return Age.encrypt(plain.getBytes(StandardCharsets.UTF_8), List.of(host.recipient()), ArmorChoice.BINARY);
  }

  @Test
  void install_writesEachSecretWithItsModeAndOwner_inA0751RuntimeDir() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
    Path g = generation("g1", List.of(entry("db", "nobody", "nogroup", "0440"), entry("api", "", "", "0400")),
        List.of(toHost("db-pass"), toHost("api-token")));
    assertEquals(2, new SecretsActivation(root).install(g));
    Path db = root.resolve("run/statectl/secrets/db");
    PosixFileAttributes a = Files.readAttributes(db, PosixFileAttributes.class);
    assertEquals("r--r-----", PosixFilePermissions.toString(a.permissions()));
    assertEquals("nobody", a.owner().getName());
    assertEquals("nogroup", a.group().getName());
    assertEquals("db-pass", Files.readString(db));
    assertEquals("rwxr-x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent())));
    try (var s = Files.list(db.getParent())) {
      assertEquals(2, s.count(), "no temp files left");
    }
  }

  @Test
  void install_decryptsAllBeforeWritingAny_soOneBadSecretChangesNothing() throws Exception {
    Path g1 = generation("g1", List.of(entry("db", "", "", "0400")), List.of(toHost("v1")));
    new SecretsActivation(root).install(g1);
    byte[] foreign = Age.encrypt("x".getBytes(StandardCharsets.UTF_8),
        List.of(X25519Identity.generate().recipient()), ArmorChoice.ARMORED);
    Path g2 = generation("g2", List.of(entry("db", "", "", "0400"), entry("zz", "", "", "0400")),
        List.of(toHost("v2"), foreign));
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> new SecretsActivation(root).install(g2));
    assertEquals(ErrorCode.SECRET_NOT_FOR_HOST, e.code());
    assertTrue(e.getMessage().contains("secret zz (secrets/zz.age) is not encrypted to this host's key"), e.getMessage());
    assertTrue(e.getMessage().contains(host.recipient().encoded()), "names the host key: " + e.getMessage());
    assertFalse(e.getMessage().contains("v2"));
    assertEquals("v1", Files.readString(root.resolve("run/statectl/secrets/db")), "untouched");
  }

  @Test
  void forHome_placesUnderTheUsersRuntimeDir_withTheHomesIdentity_andRemovesUndeclared() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path xdg = Files.createDirectories(tmp.resolve("xdg"));
    X25519Identity user = X25519Identity.generate();
    Files.createDirectories(home.resolve(".config/age"));
    Files.writeString(home.resolve(".config/age/keys.txt"), user.encoded() + "\n");
    Path g = Files.createDirectories(tmp.resolve("home-gen"));
    Files.createDirectories(g.resolve("secrets"));
    Files.write(g.resolve("secrets/token.age"),
        Age.encrypt("t0k3n".getBytes(StandardCharsets.UTF_8), List.of(user.recipient()), ArmorChoice.BINARY));
    SecretsManifest.Entry e = new SecretsManifest.Entry("token", "secrets/token.age", "00",
        SecretDeclaration.HOME_RUNTIME_DIR + "/token", "", "", "0400", List.of(user.recipient().encoded()));
    SecretsManifest m = new SecretsManifest(1, "~/.config/age/keys.txt", List.of(e));
    assertTrue(m.isHome(), "a home's manifest is told apart from the system's");
    Files.write(g.resolve(SecretsManifest.FILE_NAME), m.toJson());
    assertFalse(SecretsManifest.underRoot(g));
    SecretsActivation a = SecretsActivation.forHome(xdg, home);
    assertEquals(1, a.install(g));
    assertEquals("t0k3n", Files.readString(xdg.resolve("statectl/secrets/token")));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(xdg.resolve("statectl/secrets"))));
    Path empty = Files.createDirectories(tmp.resolve("home-gen-2"));
    a.install(empty);
    assertFalse(Files.exists(xdg.resolve("statectl/secrets/token")), "no longer declared");
    assertEquals(java.util.Optional.of(xdg), SecretsActivation.userRuntimeDir(java.util.Map.of("XDG_RUNTIME_DIR",
        xdg.toString()), home));
    assertEquals(Files.getOwner(home), Files.getOwner(xdg.resolve("statectl/secrets")));
  }

  @Test
  void install_removesRuntimeFilesNoLongerDeclared() throws Exception {
    new SecretsActivation(root).install(generation("g1", List.of(entry("db", "", "", "0400"), entry("old", "", "",
        "0400")), List.of(toHost("a"), toHost("b"))));
    new SecretsActivation(root).install(generation("g2", List.of(entry("db", "", "", "0400")), List.of(toHost("a"))));
    assertFalse(Files.exists(root.resolve("run/statectl/secrets/old")));
    assertTrue(Files.exists(root.resolve("run/statectl/secrets/db")));
  }

  @Test
  void missingIdentity_isNamedWithTheCommandThatCreatesIt() throws Exception {
    Files.delete(root.resolve("etc/statectl/host.key"));
    Path g = generation("g1", List.of(entry("db", "", "", "0400")), List.of(toHost("a")));
    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> new SecretsActivation(root).install(g));
    assertEquals(ErrorCode.SECRET_KEY_INVALID, e.code());
    assertTrue(e.getMessage().contains("host.key does not exist"), e.getMessage());
    assertFalse(Files.exists(root.resolve("run")));
  }

  @Test
  void permissions_mapOctalBits() {
    assertEquals("r--r-----", PosixFilePermissions.toString(SecretsActivation.permissions(0440)));
    assertEquals("rw-------", PosixFilePermissions.toString(SecretsActivation.permissions(0600)));
    assertEquals("rwxr-x--x", PosixFilePermissions.toString(SecretsActivation.permissions(0751)));
  }
}
