package io.statectl.kernel.derivation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.StorePath;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DerivationJsonTest {
  static final String STORE = "/s/store";
  static final StorePath OUT = StorePath.parse("0123456789abcdfghijklmnpqrsvwxyz-hello-1.0");
  static final StorePath DEP = StorePath.parse("11111111111111111111111111111111-dep.drv");
  static final StorePath SRC = StorePath.parse("22222222222222222222222222222222-src");

  static Derivation sample() {
    return new Derivation("hello-1.0", "x86_64-linux", "/s/store/b-bash/bin/bash", java.util.List.of("-e", "x\"y"),
        new TreeMap<>(Map.of("out", STORE + "/" + OUT, "b", "line\nnext", "a", "1")),
        new TreeMap<>(Map.of(DEP, new TreeSet<>(Set.of("out")))), new TreeSet<>(Set.of(SRC)),
        new TreeMap<>(Map.of("out", new DerivationOutput.InputAddressed(OUT))));
  }

  @Test
  void encoding_isTheDocumentedCanonicalForm() {
    String golden = "{\"args\":[\"-e\",\"x\\\"y\"],\"builder\":\"/s/store/b-bash/bin/bash\","
        + "\"env\":{\"a\":\"1\",\"b\":\"line\\nnext\",\"out\":\"/s/store/" + OUT + "\"},"
        + "\"inputDrvs\":{\"/s/store/" + DEP + "\":[\"out\"]},\"inputSrcs\":[\"/s/store/" + SRC + "\"],"
        + "\"name\":\"hello-1.0\",\"outputs\":{\"out\":{\"path\":\"/s/store/" + OUT + "\"}},"
        + "\"platform\":\"x86_64-linux\"}";
    assertEquals(golden, new String(DerivationJson.encode(sample(), STORE), StandardCharsets.UTF_8));
  }

  @Test
  void parse_readsBackWhatEncodeWrote_fixedOutputsIncluded() {
    assertEquals(sample(), DerivationJson.parse(DerivationJson.encode(sample(), STORE), STORE));
    Derivation fixed = new Derivation("f.tar.gz", "builtin", Derivation.FETCHURL, java.util.List.of(),
        new TreeMap<>(Map.of("url", "https://x/f.tar.gz")), new TreeMap<>(), new TreeSet<>(),
        new TreeMap<>(Map.of("out", new DerivationOutput.Fixed(OUT, Hash.of("x".getBytes(StandardCharsets.UTF_8))))));
    assertEquals(fixed, DerivationJson.parse(DerivationJson.encode(fixed, STORE), STORE));
  }
}
