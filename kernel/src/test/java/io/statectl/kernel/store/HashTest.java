package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HashTest {
  private static final Hash EMPTY = Hash.of(new byte[0]);

  @Test
  void toString_isSha256ColonBase32() {
    assertEquals("sha256:0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73", EMPTY.toString());
  }

  @Test
  void toHex_isLowerCaseHex() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", EMPTY.toHex());
  }

  @Test
  void parse_acceptsBase32HexAndSri() {
    assertEquals(EMPTY, Hash.parse(EMPTY.toString()));
    assertEquals(EMPTY, Hash.parse("sha256:" + EMPTY.toHex()));
    assertEquals(EMPTY, Hash.parse(EMPTY.toSri()));
    assertEquals("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", EMPTY.toSri());
  }

  @Test
  void parse_rejectsOtherAlgorithmsAndGarbage() {
    assertThrows(InvalidHashException.class, () -> Hash.parse("md5:abc"));
    assertThrows(InvalidHashException.class, () -> Hash.parse("sha256:xyz"));
    InvalidHashException e =
        assertThrows(InvalidHashException.class, () -> Hash.parse("sha256:" + "g".repeat(64)));
    assertEquals("sha256:" + "g".repeat(64), e.input());
  }

  @Test
  void constructor_rejectsWrongLength() {
    assertThrows(InvalidHashException.class, () -> new Hash(new byte[31]));
  }

  @Test
  void bytes_areCopiedInAndOut() {
    byte[] raw = EMPTY.bytes();
    Hash hash = new Hash(raw);
    raw[0] ^= 1;
    assertEquals(EMPTY, hash);
    assertNotSame(hash.bytes(), hash.bytes());
    hash.bytes()[0] ^= 1;
    assertEquals(EMPTY, hash);
  }
}
