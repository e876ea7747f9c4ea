package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A git configuration file being assembled: sections (with an optional subsection) of variables,
 * each with one or more values, rendered in git-config syntax with sections and keys sorted.
 * Names follow git's rules (section: letters, digits, '-'; key: the same, starting with a letter;
 * subsection: any one line); values are quoted and escaped as git-config reads them back. Not
 * thread-safe.
 */
final class GitConfig {
  private static final Pattern SECTION = Pattern.compile("[A-Za-z0-9-]+");
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

  /** A section header: {@code [name]} or {@code [name "subsection"]}. */
  record Section(String name, Optional<String> subsection) {}

  /** One variable as written, with where it was defined. */
  private record Variable(String key, List<String> values, SourceLocation definedAt) {}

  private static final Comparator<Section> ORDER = Comparator
      .comparing((Section s) -> s.name().toLowerCase(java.util.Locale.ROOT))
      .thenComparing(s -> s.subsection().orElse(""));

  private final Map<Section, Map<String, Variable>> sections = new TreeMap<>(ORDER);
  private final ContributionBuilder out;
  private final String option;

  /** {@code option} names where values come from in messages, e.g. {@code programs.git}. */
  GitConfig(String option, ContributionBuilder out) {
    this.option = option;
    this.out = out;
  }

  static boolean isSectionName(String name) {
    return SECTION.matcher(name).matches();
  }

  static boolean isKeyName(String name) {
    return KEY.matcher(name).matches();
  }

  /** Sets {@code section.key}; a second definition of one variable is a problem naming both. */
  void set(Section section, String key, List<String> values, SourceLocation at, String from) {
    String name = section.name() + section.subsection().map(s -> "." + s).orElse("") + "." + key;
    if (!isKeyName(key)) {
      out.problem(at, from + ": '" + key + "' is not a git config key",
          "git keys are letters, digits and '-', starting with a letter");
      return;
    }
    for (String v : values) {
      if (v.indexOf('\0') >= 0 || v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\b')) {
        out.problem(at, from + ": the value of " + name + " holds a control character git config cannot store",
            "remove it");
        return;
      }
    }
    Map<String, Variable> vars = sections.computeIfAbsent(section, s -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    Variable prior = vars.putIfAbsent(key, new Variable(key, List.copyOf(values), at));
    if (prior != null) {
      out.problem(at, option + ": " + name + " is set twice: here and at " + prior.definedAt(),
          "keep one of them (extraConfig must not repeat what a typed option sets)");
    }
  }

  /**
   * Adds {@code extraConfig}: a table of sections, each a table of variables (a scalar or a list
   * of scalars, which repeats the key) or of subsections (a table of variables).
   */
  void addExtra(ConfigTable extra) {
    String from = option + ".extraConfig";
    for (Map.Entry<String, ConfigValue> s : extra.entries().entrySet()) {
      String where = from + "." + s.getKey();
      if (!isSectionName(s.getKey())) {
        out.problem(s.getValue().location(), where + ": '" + s.getKey() + "' is not a git section name",
            "section names are letters, digits and '-'; for [url \"x\"] write url = { \"x\" = { insteadOf = \"…\" } }");
        continue;
      }
      if (!(s.getValue() instanceof ConfigTable section)) {
        out.problem(s.getValue().location(), where + ": expected a table of keys, got " + s.getValue().typeName(),
            "write " + s.getKey() + " = { key = \"value\" }");
        continue;
      }
      for (Map.Entry<String, ConfigValue> k : section.entries().entrySet()) {
        if (k.getValue() instanceof ConfigTable sub) {
          subsection(s.getKey(), k.getKey(), sub, where + "." + k.getKey());
        } else {
          variable(new Section(s.getKey(), Optional.empty()), k.getKey(), k.getValue(), where + "." + k.getKey());
        }
      }
    }
  }

  private void subsection(String section, String name, ConfigTable sub, String where) {
    if (name.contains("\n") || name.indexOf('\0') >= 0) {
      out.problem(sub.location(), where + ": a subsection name is one line", "remove the line break");
      return;
    }
    for (Map.Entry<String, ConfigValue> k : sub.entries().entrySet()) {
      if (k.getValue() instanceof ConfigTable) {
        out.problem(k.getValue().location(), where + "." + k.getKey() + ": git config nests only section and subsection",
            "write [section \"subsection\"] variables as section = { subsection = { key = \"value\" } }");
        continue;
      }
      variable(new Section(section, Optional.of(name)), k.getKey(), k.getValue(), where + "." + k.getKey());
    }
  }

  private void variable(Section section, String key, ConfigValue value, String where) {
    List<String> values = new ArrayList<>();
    List<ConfigValue> items = value instanceof ConfigList l ? l.items() : List.of(value);
    for (ConfigValue item : items) {
      Optional<String> text = Session.scalarText(item);
      if (text.isEmpty()) {
        out.problem(item.location(), where + ": expected a string, number, bool or a list of them, got "
            + item.typeName(), "git config values are scalars; a list repeats the key");
        return;
      }
      values.add(text.get());
    }
    set(section, key, values, value.location(), where);
  }

  String render() {
    StringBuilder b = new StringBuilder("# Generated by statectl; do not edit: change the configuration and apply it.\n");
    for (Map.Entry<Section, Map<String, Variable>> s : sections.entrySet()) {
      b.append('[').append(s.getKey().name());
      s.getKey().subsection().ifPresent(sub -> b.append(" \"").append(sub.replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"'));
      b.append("]\n");
      for (Variable v : s.getValue().values()) {
        for (String value : v.values()) {
          b.append('\t').append(v.key()).append(" = ").append(value(value)).append('\n');
        }
      }
    }
    return b.toString();
  }

  /** A value as git config reads it back: escapes for \ " and line breaks, quotes where needed. */
  static String value(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        default -> b.append(c);
      }
    }
    boolean quote = text.contains(";") || text.contains("#") || !text.equals(text.strip());
    return quote ? "\"" + b + "\"" : b.toString();
  }
}
