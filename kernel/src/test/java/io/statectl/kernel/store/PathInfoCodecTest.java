package io.statectl.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathInfoCodecTest {
  private static final StorePath APP = StorePath.parse("xv2iccirbrvklck36f1g7vldn5v58vck-app");
  private static final StorePath LIB = StorePath.parse("0mdqa9w1p6cmli6976v4wi0sw9r4p5pr-lib");
  private static final StorePath DRV = StorePath.parse("a00d5f71k0vp5a6klkls0mvr1f7sx6ch-app.drv");

  @Test
  void encode_isCanonicalJsonWithSortedKeys() {
    PathInfo info =
        PathInfo.of(
                APP,
                new NarDigest(Hash.of(new byte[0]), 120),
                List.of(LIB, APP),
                Instant.parse("2024-05-01T12:00:00Z"))
            .withDeriver(DRV)
            .withSignatures(List.of("k:c2ln"))
            .withCa("fixed:r:sha256:0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73");
    String expected =
        "{\"ca\":\"fixed:r:sha256:0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73\","
            + "\"deriver\":\"a00d5f71k0vp5a6klkls0mvr1f7sx6ch-app.drv\","
            + "\"narHash\":\"sha256:0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73\","
            + "\"narSize\":120,"
            + "\"path\":\"xv2iccirbrvklck36f1g7vldn5v58vck-app\","
            + "\"references\":[\"0mdqa9w1p6cmli6976v4wi0sw9r4p5pr-lib\","
            + "\"xv2iccirbrvklck36f1g7vldn5v58vck-app\"],"
            + "\"registrationTime\":\"2024-05-01T12:00:00Z\","
            + "\"signatures\":[\"k:c2ln\"],"
            + "\"v\":1}";
    byte[] encoded = PathInfoCodec.encode(info);
    assertEquals(expected, new String(encoded, StandardCharsets.UTF_8));
    assertEquals(info, PathInfoCodec.decode(encoded));
  }

  @Test
  void encode_omitsAbsentOptionals() {
    PathInfo info =
        PathInfo.of(APP, new NarDigest(Hash.of("x"), 8), List.of(), Instant.EPOCH);
    String json = new String(PathInfoCodec.encode(info), StandardCharsets.UTF_8);
    assertEquals(false, json.contains("\"ca\"") || json.contains("\"deriver\""));
    assertEquals(info, PathInfoCodec.decode(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void decode_rejectsUnknownVersion() {
    byte[] future = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> PathInfoCodec.decode(future));
  }
}
