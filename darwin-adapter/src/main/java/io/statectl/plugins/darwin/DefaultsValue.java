package io.statectl.plugins.darwin;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A value as {@code defaults write <domain> <key>} takes it: a type flag and its arguments, e.g.
 * {@code -bool true}, {@code -int 3}, {@code -array a b}, {@code -dict k v}.
 *
 * <p>{@code defaults write}'s {@code -array} and {@code -dict} take their elements as plain
 * arguments with no type flag of their own, so only lists of strings and flat tables of strings
 * can be written this way; anything else is reported as a problem rather than silently turned
 * into strings.
 *
 * @param arguments the type flag followed by the value's arguments, never empty
 */
record DefaultsValue(List<String> arguments) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:@%+=,-]+");

  DefaultsValue {
    arguments = List.copyOf(arguments);
    if (arguments.isEmpty() || !arguments.get(0).startsWith("-")) {
      throw new IllegalArgumentException("a defaults value starts with its type flag: " + arguments);
    }
  }

  /**
   * The value's rendering for plans and comparison between generations: the arguments separated by
   * spaces, quoted as a shell would need them, so {@code ["a b"]} and {@code ["a", "b"]} differ.
   */
  String state() {
    return arguments.stream().map(DefaultsValue::quote).collect(Collectors.joining(" "));
  }

  /** Renders {@code v}, the value of option {@code option}; empty with problems added when it cannot. */
  static Optional<DefaultsValue> of(String option, ConfigValue v, List<ConfigProblem> problems) {
    if (v instanceof ConfigBool b) {
      return Optional.of(new DefaultsValue(List.of("-bool", Boolean.toString(b.value()))));
    } else if (v instanceof ConfigInt i) {
      return Optional.of(new DefaultsValue(List.of("-int", Long.toString(i.value()))));
    } else if (v instanceof ConfigFloat f) {
      if (!Double.isFinite(f.value())) {
        problems.add(new ConfigProblem(f.location(), option + ": defaults cannot store " + f.value(),
            "use a finite number"));
        return Optional.empty();
      }
      return Optional.of(new DefaultsValue(List.of("-float", BigDecimal.valueOf(f.value()).toPlainString())));
    } else if (v instanceof ConfigString s) {
      return Optional.of(new DefaultsValue(List.of("-string", s.value())));
    } else if (v instanceof ConfigList l) {
      return array(option, l, problems);
    } else {
      return dict(option, (ConfigTable) v, problems);
    }
  }

  private static Optional<DefaultsValue> array(String option, ConfigList l, List<ConfigProblem> problems) {
    List<String> args = new ArrayList<>(List.of("-array"));
    boolean ok = true;
    for (ConfigValue item : l.items()) {
      if (item instanceof ConfigString s) {
        args.add(s.value());
      } else {
        ok = false;
        problems.add(new ConfigProblem(item.location(), option + ": defaults write -array takes strings only, got "
            + article(item.typeName()), "write the element as a string, e.g. \"" + scalarText(item) + "\", if the application "
            + "reads strings; other arrays need a plist file the application imports"));
      }
    }
    return ok ? Optional.of(new DefaultsValue(args)) : Optional.empty();
  }

  private static Optional<DefaultsValue> dict(String option, ConfigTable t, List<ConfigProblem> problems) {
    List<String> args = new ArrayList<>(List.of("-dict"));
    boolean ok = true;
    for (Map.Entry<String, ConfigValue> e : t.entries().entrySet()) {
      ConfigValue item = e.getValue();
      if (item instanceof ConfigString s) {
        args.add(e.getKey());
        args.add(s.value());
      } else {
        ok = false;
        String what = item instanceof ConfigTable || item instanceof ConfigList ? "nested " + item.typeName() + "s are"
            : article(item.typeName()) + " is";
        problems.add(new ConfigProblem(item.location(), option + "." + e.getKey() + ": defaults write -dict takes a flat "
            + "table of strings; " + what + " not supported",
            item instanceof ConfigTable || item instanceof ConfigList ? "flatten the table, or set that key in its own domain"
                : "write the value as a string, e.g. \"" + scalarText(item) + "\""));
      }
    }
    return ok ? Optional.of(new DefaultsValue(args)) : Optional.empty();
  }

  private static String scalarText(ConfigValue v) {
    if (v instanceof ConfigBool b) {
      return Boolean.toString(b.value());
    } else if (v instanceof ConfigInt i) {
      return Long.toString(i.value());
    } else if (v instanceof ConfigFloat f) {
      return Double.toString(f.value());
    }
    return "…";
  }

  private static String article(String typeName) {
    return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
  }

  private static String quote(String arg) {
    return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
