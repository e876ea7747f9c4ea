package io.statectl.kernel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Rendering and lookup of evaluated values, for {@code eval}, docs and canonical output. */
public final class EvaluatedValues {
  private EvaluatedValues() {}

  public static Optional<ConfigValue> at(ConfigTable root, List<String> keys) {
    ConfigValue v = root;
    for (String k : keys) {
      if (!(v instanceof ConfigTable t) || !t.entries().containsKey(k)) {
        return Optional.empty();
      }
      v = t.entries().get(k);
    }
    return Optional.of(v);
  }

  /** TOML-like text: strings quoted, tables inline with sorted keys. */
  public static String render(ConfigValue v) {
    // Java 17 has no pattern switch; the sealed hierarchy keeps this chain complete.
    if (v instanceof ConfigString s) {
      return "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    } else if (v instanceof ConfigBool b) {
      return Boolean.toString(b.value());
    } else if (v instanceof ConfigInt i) {
      return Long.toString(i.value());
    } else if (v instanceof ConfigFloat f) {
      return Double.toString(f.value());
    } else if (v instanceof ConfigList l) {
      return "[" + l.items().stream().map(EvaluatedValues::render).collect(Collectors.joining(", ")) + "]";
    }
    Map<String, ConfigValue> sorted = new TreeMap<>(((ConfigTable) v).entries());
    return "{" + sorted.entrySet().stream().map(e -> OptionPaths.child("", e.getKey()) + " = " + render(e.getValue()))
        .collect(Collectors.joining(", ")) + "}";
  }

  /** JSON with sorted keys: the canonical form of an evaluated configuration. */
  public static JsonNode toJson(ConfigValue v, ObjectMapper mapper) {
    if (v instanceof ConfigString s) {
      return mapper.getNodeFactory().textNode(s.value());
    } else if (v instanceof ConfigBool b) {
      return mapper.getNodeFactory().booleanNode(b.value());
    } else if (v instanceof ConfigInt i) {
      return mapper.getNodeFactory().numberNode(i.value());
    } else if (v instanceof ConfigFloat f) {
      return mapper.getNodeFactory().numberNode(f.value());
    } else if (v instanceof ConfigList l) {
      ArrayNode a = mapper.createArrayNode();
      l.items().forEach(x -> a.add(toJson(x, mapper)));
      return a;
    }
    ObjectNode o = mapper.createObjectNode();
    new TreeMap<>(((ConfigTable) v).entries()).forEach((k, x) -> o.set(k, toJson(x, mapper)));
    return o;
  }
}
