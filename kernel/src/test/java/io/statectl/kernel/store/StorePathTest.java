package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StorePathTest {
  private static final String HASH = "xv2iccirbrvklck36f1g7vldn5v58vck";

  @Test
  void contentAddressed_matchesNixForTheNixPillsExample() {
    // Nix Pills ch. 18: `echo mycontent > myfile`; its NAR hash and `nix-store --add` path.
    Hash narHash =
        Hash.parse("sha256:2bfef67de873c54551d884fdab3055d84d573e654efa79db3c0d7b98883f9ee3");
    assertEquals(
        StorePath.parse(HASH + "-myfile"),
        StorePath.contentAddressed(narHash, List.of(), "/nix/store", "myfile"));
  }

  @Test
  void inputAddressed_matchesNixForTheNixPillsOutputExample() {
    Hash inner =
        Hash.parse("sha256:423e6fdef56d53251c5939359c375bf21ea07aaa8d89ca5798fb374dbcfd7639");
    assertEquals(
        "a00d5f71k0vp5a6klkls0mvr1f7sx6ch-bar",
        StorePath.inputAddressed("output:out", inner, "/nix/store", "bar").toString());
  }

  @Test
  void contentAddressed_dependsOnReferencesNameAndStoreDir() {
    Hash narHash = Hash.of("x");
    StorePath plain = StorePath.contentAddressed(narHash, List.of(), "/s", "a");
    StorePath other = StorePath.parse(HASH + "-dep");
    assertNotEquals(plain, StorePath.contentAddressed(narHash, List.of(other), "/s", "a"));
    assertNotEquals(plain.hash(), StorePath.contentAddressed(narHash, List.of(), "/s", "b").hash());
    assertNotEquals(plain, StorePath.contentAddressed(narHash, List.of(), "/t", "a"));
  }

  @Test
  void parse_roundTripsToString() {
    StorePath path = StorePath.parse(HASH + "-hello-2.12.1");
    assertEquals(HASH, path.hash());
    assertEquals("hello-2.12.1", path.name());
    assertEquals(HASH + "-hello-2.12.1", path.toString());
  }

  @Test
  void parse_acceptsEveryAllowedNameCharacterAndTheLongestName() {
    StorePath.parse(HASH + "-aZ09+-._?=");
    StorePath.parse(HASH + "-" + "a".repeat(StorePath.MAX_NAME_LENGTH));
  }

  @Test
  void parse_rejectsBadNamesWithTheInputAsData() {
    for (String bad :
        List.of(
            HASH + "-.hidden",
            HASH + "-",
            HASH + "-has space",
            HASH + "-slash/y",
            HASH + "-" + "a".repeat(StorePath.MAX_NAME_LENGTH + 1),
            HASH,
            "short-name",
            "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-name",
            HASH + "_name")) {
      InvalidStorePathException e =
          assertThrows(InvalidStorePathException.class, () -> StorePath.parse(bad), bad);
      assertNotEquals(null, e.input());
    }
  }

  @Test
  void compareTo_ordersByString() {
    StorePath a = StorePath.parse("0" + HASH.substring(1) + "-z");
    StorePath b = StorePath.parse(HASH + "-a");
    assertEquals(-1, Integer.signum(a.compareTo(b)));
  }
}
