package io.statectl.plugins.services;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A systemd unit file as sections of ordered {@code Key=value} lines, rendered canonically: the
 * sections in the order systemd documents them ({@code Unit}, then the type's own, then
 * {@code Install}), keys in insertion order, a repeated key as repeated lines.
 *
 * @param name the unit's file name, e.g. {@code "web.service"}
 */
record UnitFile(String name, Map<String, List<Line>> sections) {

  /** One {@code Key=value} line. */
  record Line(String key, String value) {
    Line {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (value.contains("\n")) {
        throw new IllegalArgumentException("a unit value is one line: " + key);
      }
    }
  }

  UnitFile {
    Objects.requireNonNull(name, "name");
    Map<String, List<Line>> copy = new LinkedHashMap<>();
    sections.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    sections = Collections.unmodifiableMap(copy);
  }

  /** The unit type: the part of the name after its last dot ({@code "service"}, {@code "timer"}…). */
  String type() {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  String render() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<Line>> s : sections.entrySet()) {
      if (s.getValue().isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append('[').append(s.getKey()).append("]\n");
      for (Line l : s.getValue()) {
        b.append(l.key()).append('=').append(l.value()).append('\n');
      }
    }
    return b.toString();
  }

  /** Collects lines section by section. */
  static final class Builder {
    private final String name;
    private final Map<String, List<Line>> sections = new LinkedHashMap<>();

    Builder(String name, String typeSection) {
      this.name = name;
      sections.put("Unit", new ArrayList<>());
      sections.put(typeSection, new ArrayList<>());
      sections.put("Install", new ArrayList<>());
    }

    Builder add(String section, String key, String value) {
      sections.computeIfAbsent(section, s -> new ArrayList<>()).add(new Line(key, value));
      return this;
    }

    Builder addAll(String section, String key, List<String> values) {
      values.forEach(v -> add(section, key, v));
      return this;
    }

    boolean has(String section, String key) {
      return sections.getOrDefault(section, List.of()).stream().anyMatch(l -> l.key().equals(key));
    }

    UnitFile build() {
      return new UnitFile(name, sections);
    }
  }
}
