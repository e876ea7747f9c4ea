package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What every login shell sets: {@code home.sessionPath} in front of PATH (after the profile's
 * {@code bin}) and {@code home.sessionVariables}, sorted by name so output is deterministic.
 */
record Session(List<SessionValue> path, SortedMap<String, SessionValue> variables) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  Session {
    path = List.copyOf(path);
    variables = Collections.unmodifiableSortedMap(new TreeMap<>(variables));
  }

  /**
   * Reads the two options, reporting what no shell could set (a bad name, a table value, a PATH
   * entry holding ':'); such entries are left out.
   */
  static Session read(Optional<ConfigValue> variables, Optional<ConfigValue> sessionPath, List<ConfigProblem> problems) {
    List<SessionValue> path = new ArrayList<>();
    if (sessionPath.isPresent() && sessionPath.get() instanceof ConfigList list) {
      for (int i = 0; i < list.items().size(); i++) {
        ConfigValue item = list.items().get(i);
        if (!(item instanceof ConfigString s)) {
          continue;
        }
        String where = "home.sessionPath[" + i + "]";
        if (s.value().isEmpty() || s.value().contains(":") || hasControl(s.value())) {
          problems.add(new ConfigProblem(s.location(), where + ": \"" + s.value() + "\" is not one directory",
              "write one directory per list item, without ':' or control characters, e.g. \"$HOME/.local/bin\""));
          continue;
        }
        path.add(SessionValue.parse(s.value()));
      }
    }
    SortedMap<String, SessionValue> vars = new TreeMap<>();
    if (variables.isPresent() && variables.get() instanceof ConfigTable table) {
      for (Map.Entry<String, ConfigValue> e : table.entries().entrySet()) {
        variable(e.getKey(), e.getValue(), problems).ifPresent(v -> vars.put(e.getKey(), v));
      }
    }
    return new Session(path, vars);
  }

  private static Optional<SessionValue> variable(String name, ConfigValue value, List<ConfigProblem> problems) {
    String where = "home.sessionVariables." + name;
    SourceLocation at = value.location();
    if (!NAME.matcher(name).matches()) {
      problems.add(new ConfigProblem(at, where + ": '" + name + "' is not an environment variable name",
          "use letters, digits and '_', not starting with a digit, e.g. EDITOR"));
      return Optional.empty();
    }
    if (name.equals("PATH")) {
      problems.add(new ConfigProblem(at, where + ": PATH is built by statectl", "list directories in home.sessionPath"));
      return Optional.empty();
    }
    if (name.equals(HomeLayout.GUARD)) {
      problems.add(new ConfigProblem(at, where + ": " + name + " is reserved by statectl", "choose another name"));
      return Optional.empty();
    }
    Optional<String> text = scalarText(value);
    if (text.isEmpty()) {
      problems.add(new ConfigProblem(at, where + ": expected a string, number or bool, got " + value.typeName(),
          "environment variables hold text; write the value as one string, e.g. \"a:b\""));
      return Optional.empty();
    }
    if (text.get().indexOf('\0') >= 0) {
      problems.add(new ConfigProblem(at, where + ": the value holds a NUL character", "remove it"));
      return Optional.empty();
    }
    return Optional.of(SessionValue.parse(text.get()));
  }

  /** A scalar as the text an environment variable holds; empty for lists and tables. */
  static Optional<String> scalarText(ConfigValue value) {
    if (value instanceof ConfigString s) {
      return Optional.of(s.value());
    } else if (value instanceof ConfigInt i) {
      return Optional.of(Long.toString(i.value()));
    } else if (value instanceof ConfigBool b) {
      return Optional.of(Boolean.toString(b.value()));
    } else if (value instanceof ConfigFloat f) {
      return Optional.of(Double.isFinite(f.value()) ? BigDecimal.valueOf(f.value()).stripTrailingZeros().toPlainString()
          : Double.toString(f.value()));
    }
    return Optional.empty();
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}
