package io.statectl.plugins.home;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a configuration table as TOML 1.0, keys sorted: a table's plain values first, then its
 * tables as {@code [a.b]} sections (a section holding only sub-tables gets no header of its own);
 * tables inside arrays are written inline. Strings are basic strings with TOML's escapes.
 */
final class TomlRenderer {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private TomlRenderer() {}

  static String render(ConfigTable root) {
    StringBuilder b = new StringBuilder();
    table(List.of(), root, b);
    return b.toString();
  }

  private static void table(List<String> path, ConfigTable t, StringBuilder b) {
    Map<String, ConfigValue> sorted = new TreeMap<>(t.entries());
    boolean hasPlain = sorted.values().stream().anyMatch(v -> !(v instanceof ConfigTable));
    if (!path.isEmpty() && (hasPlain || sorted.isEmpty())) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append('[').append(String.join(".", path.stream().map(TomlRenderer::key).toList())).append("]\n");
    }
    sorted.forEach((k, v) -> {
      if (!(v instanceof ConfigTable)) {
        b.append(key(k)).append(" = ").append(value(v)).append('\n');
      }
    });
    sorted.forEach((k, v) -> {
      if (v instanceof ConfigTable sub) {
        List<String> p = new ArrayList<>(path);
        p.add(k);
        table(p, sub, b);
      }
    });
  }

  static String key(String k) {
    return BARE_KEY.matcher(k).matches() ? k : string(k);
  }

  static String value(ConfigValue v) {
    if (v instanceof ConfigString s) {
      return string(s.value());
    } else if (v instanceof ConfigInt i) {
      return Long.toString(i.value());
    } else if (v instanceof ConfigBool bool) {
      return Boolean.toString(bool.value());
    } else if (v instanceof ConfigFloat f) {
      return floating(f.value());
    } else if (v instanceof ConfigList l) {
      return "[" + String.join(", ", l.items().stream().map(TomlRenderer::value).toList()) + "]";
    }
    ConfigTable t = (ConfigTable) v;
    List<String> parts = new ArrayList<>();
    new TreeMap<>(t.entries()).forEach((k, x) -> parts.add(key(k) + " = " + value(x)));
    return parts.isEmpty() ? "{}" : "{ " + String.join(", ", parts) + " }";
  }

  static String floating(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return Double.toString(d); // e.g. 1.5, 1.0E10, 1.0E-5: all TOML floats
  }

  static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
