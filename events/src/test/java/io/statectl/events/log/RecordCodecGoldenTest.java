package io.statectl.events.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dynatrace.hash4j.hashing.Hashing;
import io.statectl.events.Events;
import io.statectl.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the canonical record encoding (docs/spec/event-log.md) to a golden file whose layout was
 * derived from the spec independently of this code. Changing the encoding is a migration: add a
 * new format and a new golden file, never edit this one.
 */
class RecordCodecGoldenTest {

  static final NewEvent GOLDEN_EVENT =
      new NewEvent(
          "00000000-0000-0000-0000-000000000001",
          "GenerationCreated",
          1,
          EventLogTest.T0,
          "Profile",
          "system",
          0,
          "{}".getBytes(StandardCharsets.UTF_8),
          EventJson.encode(Events.created("system", 1)));

  @Test
  void format1_encodesAsTheGoldenFile() throws IOException {
    byte[] encoded = RecordCodec.encode(1, GOLDEN_EVENT, new byte[32]);
    assertEquals(golden("record-format1-seq1.hex"), HexFormat.of().formatHex(encoded));
  }

  @Test
  void goldenFile_decodesToTheGoldenEvent() throws Exception {
    byte[] stored = HexFormat.of().parseHex(golden("record-format1-seq1.hex"));
    LogRecord record = RecordCodec.decode(1, stored);
    assertEquals(GOLDEN_EVENT.eventId(), record.eventId());
    assertEquals(GOLDEN_EVENT.timestamp(), record.timestamp());
    assertEquals(Events.created("system", 1), record.event());
    assertEquals(0xb6d801b526b533b8L, record.checksum());
  }

  @Test
  void checksum_isReferenceXxh3_64WithSeedZero() {
    // Test vector of the reference implementation (xxHash 0.8): XXH3_64bits of no bytes.
    assertEquals(0x2d06800538d394c2L, Hashing.xxh3_64().hashBytesToLong(new byte[0]));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = RecordCodecGoldenTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
    }
  }
}
