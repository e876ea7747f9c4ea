package io.statectl.kernel.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
  @TempDir Path tmp;

  @Test
  void generatedKey_roundTripsAndSignsWhatItsPublicKeyVerifies() {
    SigningKey key = SigningKey.generate("test-1");
    SigningKey again = SigningKey.parse(key.render(), "text");
    assertEquals(key, again);
    assertEquals(key.publicKey(), TrustedKey.parse(key.publicKey().render(), "text"));
    byte[] msg = "1;/x/abc-foo;sha256:0;1;".getBytes(StandardCharsets.UTF_8);
    byte[] sig = key.sign(msg);
    assertEquals(64, sig.length);
    assertTrue(key.publicKey().verify(sig, msg));
    assertFalse(SigningKey.generate("test-1").publicKey().verify(sig, msg), "another key does not verify it");
    msg[0] = '2';
    assertFalse(key.publicKey().verify(sig, msg));
  }

  @Test
  void publicKeyEncoding_isRfc8032_asKnownVector() {
    // RFC 8032 test 1: secret 9d61…7f60, public d75a…511a.
    byte[] seed = java.util.HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] pub = java.util.HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] all = new byte[64];
    System.arraycopy(seed, 0, all, 0, 32);
    System.arraycopy(pub, 0, all, 32, 32);
    SigningKey key = SigningKey.parse("rfc:" + java.util.Base64.getEncoder().encodeToString(all), "vector");
    byte[] sig = key.sign(new byte[0]);
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        java.util.HexFormat.of().formatHex(sig));
  }

  @Test
  void secretKeyFile_readableByOthers_isRefusedWithChmodHint() throws Exception {
    Path f = tmp.resolve("sk");
    Files.writeString(f, SigningKey.generate("k").render());
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> SigningKey.read(f));
    assertTrue(e.getMessage().contains("chmod 600 " + f), e.getMessage());
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertEquals("k", SigningKey.read(f).name());
  }

  @Test
  void publicKeyPassedAsSecret_andGarbage_areRefusedNamingTheSource() {
    SigningKey key = SigningKey.generate("k");
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> SigningKey.parse(key.publicKey().render(), "pk.txt"));
    assertTrue(e.getMessage().contains("pk.txt") && e.getMessage().contains("public key"), e.getMessage());
    assertThrows(InvalidKeyException.class, () -> TrustedKey.parse("nocolon", "cfg"));
    assertThrows(InvalidKeyException.class, () -> TrustedKey.parse("k:!!!", "cfg"));
  }
}
