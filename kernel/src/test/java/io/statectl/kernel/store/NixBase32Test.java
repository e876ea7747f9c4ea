package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NixBase32Test {

  @Test
  void encode_sha256OfEmptyString_matchesNix() {
    assertEquals(
        "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73",
        NixBase32.encode(Hash.of(new byte[0]).bytes()));
  }

  @Test
  void encode_sha1OfHelloWorld_matchesNix() throws Exception {
    // Vector from hnix-store's test suite, itself checked against Nix.
    byte[] sha1 =
        MessageDigest.getInstance("SHA-1").digest("Hello World".getBytes(StandardCharsets.UTF_8));
    assertEquals("s23c9fs0v32pf6bhmcph5rbqsyl5ak8a", NixBase32.encode(sha1));
  }

  @Test
  void decode_roundTripsRandomBytesOfEveryLength() {
    Random random = new Random(42);
    for (int length = 0; length <= 64; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String text = NixBase32.encode(bytes);
      assertEquals(NixBase32.encodedLength(length), text.length());
      assertArrayEquals(bytes, NixBase32.decode(text, length), "length " + length);
    }
  }

  @Test
  void encodedLength_isNixs() {
    assertEquals(52, NixBase32.encodedLength(32));
    assertEquals(32, NixBase32.encodedLength(20));
    assertEquals(0, NixBase32.encodedLength(0));
  }

  @Test
  void decode_rejectsCharactersOutsideTheAlphabet() {
    String text = "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c7e";
    InvalidHashException e =
        assertThrows(InvalidHashException.class, () -> NixBase32.decode(text, 32));
    assertEquals(text, e.input());
  }

  @Test
  void decode_rejectsWrongLength() {
    assertThrows(InvalidHashException.class, () -> NixBase32.decode("abc", 32));
  }

  @Test
  void decode_rejectsBitsBeyondTheLastByte() {
    // 52 chars carry 260 bits for 256: a leading 'z' (31) sets bits past byte 31.
    String text = "z" + "0".repeat(51);
    assertThrows(InvalidHashException.class, () -> NixBase32.decode(text, 32));
  }
}
