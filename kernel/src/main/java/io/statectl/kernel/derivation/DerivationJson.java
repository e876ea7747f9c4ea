package io.statectl.kernel.derivation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The canonical encoding of a {@link Derivation}, written down in {@code docs/spec/derivation.md}:
 * one line of JSON, keys sorted, no insignificant white space, UTF-8, store paths absolute. It is
 * what a {@code .drv} file holds and what derivation hashes are taken over.
 */
public final class DerivationJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DerivationJson() {}

  /** Encodes {@code d} canonically, store paths under {@code storeDir}. */
  public static byte[] encode(Derivation d, String storeDir) {
    return write(d, storeDir, drv -> storeDir + "/" + drv, Masking.NONE).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether output paths are blanked (for the hash that computes them). */
  enum Masking { NONE, OUTPUTS }

  /**
   * Writes {@code d}, naming each input derivation by {@code inputKey} and, when masking, with
   * empty output paths and empty output variables in the environment.
   */
  static String write(Derivation d, String storeDir, Function<StorePath, String> inputKey, Masking masking) {
    StringBuilder b = new StringBuilder(512);
    b.append("{\"args\":[");
    joinStrings(b, d.args());
    b.append("],\"builder\":");
    string(b, d.builder());
    b.append(",\"env\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : d.env().entrySet()) {
      first = comma(b, first);
      string(b, e.getKey());
      b.append(':');
      boolean masked = masking == Masking.OUTPUTS && d.outputs().containsKey(e.getKey());
      string(b, masked ? "" : e.getValue());
    }
    b.append("},\"inputDrvs\":{");
    TreeMap<String, SortedSet<String>> inputs = new TreeMap<>();
    d.inputDerivations().forEach((k, v) -> inputs.put(inputKey.apply(k), v));
    first = true;
    for (Map.Entry<String, SortedSet<String>> e : inputs.entrySet()) {
      first = comma(b, first);
      string(b, e.getKey());
      b.append(":[");
      joinStrings(b, new ArrayList<>(e.getValue()));
      b.append(']');
    }
    b.append("},\"inputSrcs\":[");
    joinStrings(b, d.inputSources().stream().map(p -> storeDir + "/" + p).toList());
    b.append("],\"name\":");
    string(b, d.name());
    b.append(",\"outputs\":{");
    first = true;
    for (Map.Entry<String, DerivationOutput> e : d.outputs().entrySet()) {
      first = comma(b, first);
      string(b, e.getKey());
      b.append(":{");
      String path = masking == Masking.OUTPUTS ? "" : storeDir + "/" + e.getValue().path();
      if (e.getValue() instanceof DerivationOutput.Fixed f) {
        b.append("\"hash\":");
        string(b, f.sha256().toHex());
        b.append(",\"hashAlgo\":\"sha256\",");
      }
      b.append("\"path\":");
      string(b, path);
      b.append('}');
    }
    b.append("},\"platform\":");
    string(b, d.platform());
    b.append('}');
    return b.toString();
  }

  /**
   * Reads a {@code .drv}'s content back.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static Derivation parse(byte[] json, String storeDir) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a derivation: " + e.getMessage(), e);
    }
    List<String> args = new ArrayList<>();
    n.path("args").forEach(a -> args.add(a.asText()));
    SortedMap<String, String> env = new TreeMap<>();
    n.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    SortedMap<StorePath, SortedSet<String>> drvs = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("inputDrvs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      SortedSet<String> outs = new TreeSet<>();
      e.getValue().forEach(o -> outs.add(o.asText()));
      drvs.put(storePath(e.getKey(), storeDir), outs);
    }
    SortedSet<StorePath> srcs = new TreeSet<>();
    n.path("inputSrcs").forEach(s -> srcs.add(storePath(s.asText(), storeDir)));
    SortedMap<String, DerivationOutput> outputs = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("outputs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      StorePath path = storePath(e.getValue().path("path").asText(), storeDir);
      if (e.getValue().has("hash")) {
        outputs.put(e.getKey(), new DerivationOutput.Fixed(path, Hash.parse("sha256:" + e.getValue().get("hash").asText())));
      } else {
        outputs.put(e.getKey(), new DerivationOutput.InputAddressed(path));
      }
    }
    return new Derivation(n.path("name").asText(), n.path("platform").asText(), n.path("builder").asText(), args, env,
        drvs, srcs, outputs);
  }

  private static StorePath storePath(String absolute, String storeDir) {
    if (!absolute.startsWith(storeDir + "/")) {
      throw new IllegalArgumentException(absolute + " is not in the store " + storeDir);
    }
    return StorePath.parse(absolute.substring(storeDir.length() + 1));
  }

  private static boolean comma(StringBuilder b, boolean first) {
    if (!first) {
      b.append(',');
    }
    return false;
  }

  private static void joinStrings(StringBuilder b, List<String> values) {
    boolean first = true;
    for (String v : values) {
      first = comma(b, first);
      string(b, v);
    }
  }

  static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
