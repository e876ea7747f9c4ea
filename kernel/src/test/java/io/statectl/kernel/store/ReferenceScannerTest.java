package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferenceScannerTest {
  private static final StorePath A = StorePath.parse("0mdqa9w1p6cmli6976v4wi0sw9r4p5pr-a");
  private static final StorePath B = StorePath.parse("xv2iccirbrvklck36f1g7vldn5v58vck-b");
  private static final Map<String, StorePath> KNOWN = Map.of(A.hash(), A, B.hash(), B);

  private static ReferenceScanner scanner() {
    return new ReferenceScanner(hash -> Optional.ofNullable(KNOWN.get(hash)));
  }

  @Test
  void finds_hashPartsInsideLongerText() {
    ReferenceScanner scanner = scanner();
    byte[] text =
        ("exec /store/" + A + "/bin/sh; x" + B.hash() + "y; not " + "0".repeat(31))
            .getBytes(StandardCharsets.UTF_8);
    scanner.write(text, 0, text.length);
    assertEquals(Set.of(A, B), scanner.references());
  }

  @Test
  void finds_hashPartsSplitAcrossWritesAndBuffers() {
    ReferenceScanner scanner = scanner();
    byte[] filler = "\n".repeat(64 * 1024 - 10).getBytes(StandardCharsets.UTF_8);
    scanner.write(filler, 0, filler.length);
    for (byte b : A.hash().getBytes(StandardCharsets.US_ASCII)) {
      scanner.write(b);
    }
    assertEquals(Set.of(A), scanner.references());
  }

  @Test
  void finds_nothingInUnrelatedBase32Runs() {
    ReferenceScanner scanner = scanner();
    byte[] text = "a".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
    scanner.write(text, 0, text.length);
    assertEquals(Set.of(), scanner.references());
  }
}
