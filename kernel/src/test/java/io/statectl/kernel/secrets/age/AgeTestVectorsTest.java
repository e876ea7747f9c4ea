package io.statectl.kernel.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.statectl.kernel.store.Hash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The age specification's test vectors (C2SP/CCTV age/testdata, 0BSD; scrypt and hybrid ones
 * left out): valid files decrypt to the expected SHA-256, invalid ones fail at the expected stage,
 * and for payload failures what was released before the failure matches the expected hash too.
 */
class AgeTestVectorsTest {
  private static final String DIR = "testkit/";

  @TestFactory
  Stream<DynamicTest> everyVector_givesTheExpectedResult() throws IOException {
    List<String> names;
    try (InputStream in = AgeTestVectorsTest.class.getResourceAsStream(DIR + "index.txt")) {
      names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertEquals(99, names.size(), "vector count");
    return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> run(name)));
  }

  private static void run(String name) throws IOException {
    byte[] raw;
    try (InputStream in = AgeTestVectorsTest.class.getResourceAsStream(DIR + name)) {
      raw = in.readAllBytes();
    }
    int split = indexOf(raw, "\n\n".getBytes(StandardCharsets.US_ASCII));
    String head = new String(raw, 0, split, StandardCharsets.UTF_8);
    byte[] file = Arrays.copyOfRange(raw, split + 2, raw.length);
    String expect = null;
    String payload = null;
    boolean zlib = false;
    List<Identity> identities = new ArrayList<>();
    for (String line : head.lines().toList()) {
      int colon = line.indexOf(": ");
      String key = line.substring(0, colon);
      String value = line.substring(colon + 2);
      switch (key) {
        case "expect" -> expect = value;
        case "payload" -> payload = value;
        case "compressed" -> zlib = value.equals("zlib");
        case "identity" -> identities.add(X25519Identity.parse(value));
        default -> { }
      }
    }
    if (zlib) {
      file = new InflaterInputStream(new java.io.ByteArrayInputStream(file)).readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] input = file;
    if (expect.equals("success")) {
      Age.decrypt(input, identities, out);
      assertEquals(payload, Hash.of(out.toByteArray()).toHex());
      return;
    }
    AgeException.Failure want = switch (expect) {
      case "armor failure" -> AgeException.Failure.ARMOR;
      case "header failure" -> AgeException.Failure.HEADER;
      case "no match" -> AgeException.Failure.NO_MATCH;
      case "HMAC failure" -> AgeException.Failure.HEADER_MAC;
      case "payload failure" -> AgeException.Failure.PAYLOAD;
      default -> throw new AssertionError("unknown expect " + expect);
    };
    AgeException e = assertThrows(AgeException.class, () -> Age.decrypt(input, identities, out));
    if (e.failure() != want) {
      fail(name + ": expected " + want + " but got " + e.failure() + ": " + e.getMessage());
    }
    if (payload != null) {
      assertEquals(payload, Hash.of(out.toByteArray()).toHex(), "plaintext released before the failure");
    }
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
    throw new AssertionError("no blank line");
  }
}
