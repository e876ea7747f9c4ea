package io.statectl.kernel.units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit file as systemd reads it: sections of keys, each with its values in order (comments,
 * blank lines and line continuations gone). Two units are the same when these are equal, so a
 * reformatted file is not a change, while a new {@code ExecStart} store path is.
 *
 * @param name the unit's name, e.g. {@code "web.service"}
 */
public record ParsedUnit(String name, Map<String, Map<String, List<String>>> sections) {
  public ParsedUnit {
    Objects.requireNonNull(name, "name");
    Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
    sections.forEach((s, keys) -> {
      Map<String, List<String>> k = new LinkedHashMap<>();
      keys.forEach((key, values) -> k.put(key, List.copyOf(values)));
      copy.put(s, Collections.unmodifiableMap(k));
    });
    sections = Collections.unmodifiableMap(copy);
  }

  /** Parses unit-file text (systemd.syntax(7)): {@code [Section]}, {@code Key=value}, {@code #}/{@code ;} comments, trailing {@code \} continuations. */
  public static ParsedUnit parse(String name, String text) {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    StringBuilder pending = null;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (pending != null) {
        if (line.startsWith("#") || line.startsWith(";")) {
          continue;
        }
        line = pending.append(' ').append(line).toString();
        pending = null;
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending = new StringBuilder(line.substring(0, line.length() - 1).strip());
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq <= 0) {
        continue; // systemd ignores such lines too (with a warning)
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      List<String> values = current.computeIfAbsent(key, k -> new ArrayList<>());
      if (value.isEmpty() && !key.startsWith("X-")) {
        values.clear(); // an empty assignment resets a list setting
      } else {
        values.add(value);
      }
    }
    return new ParsedUnit(name, sections);
  }

  /** The last value of {@code key} in {@code section}, as systemd reads a single-valued setting. */
  public Optional<String> value(String section, String key) {
    List<String> v = sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** The unit type: {@code service}, {@code timer}, {@code socket}, {@code path}, {@code target}… */
  public String type() {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** The same unit without the given keys of {@code section} (and without the section when it is left empty). */
  ParsedUnit without(String section, java.util.Set<String> keys) {
    Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>(sections);
    Map<String, List<String>> s = new LinkedHashMap<>(copy.getOrDefault(section, Map.of()));
    s.keySet().removeAll(keys);
    if (s.isEmpty()) {
      copy.remove(section);
    } else {
      copy.put(section, s);
    }
    return new ParsedUnit(name, copy);
  }

  ParsedUnit withoutSection(String section) {
    Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>(sections);
    copy.remove(section);
    return new ParsedUnit(name, copy);
  }
}
