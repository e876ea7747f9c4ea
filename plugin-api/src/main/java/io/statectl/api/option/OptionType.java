package io.statectl.api.option;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The type of an option: what values it accepts and how several definitions of it merge. A
 * closed family; the kernel's evaluator handles every kind.
 *
 * <p>Merging: scalars (bool, int, string, path, enum, package) must agree at the winning
 * priority; lists concatenate in import order; attrs merge key by key; submodules merge option by
 * option.
 *
 * @since 0.1
 */
public sealed interface OptionType {

  /** How the type reads in messages and docs, e.g. {@code "list of string"}. */
  String describe();

  static OptionType bool() {
    return new Bool();
  }

  static OptionType integer() {
    return new Int(OptionalLong.empty(), OptionalLong.empty());
  }

  static OptionType intBetween(long min, long max) {
    return new Int(OptionalLong.of(min), OptionalLong.of(max));
  }

  static OptionType string() {
    return new Str(Optional.empty());
  }

  /** A string that must match {@code regex} as a whole. */
  static OptionType stringMatching(String regex) {
    return new Str(Optional.of(regex));
  }

  static OptionType path() {
    return new PathRef();
  }

  static OptionType oneOf(String... values) {
    return new Enumeration(List.of(values));
  }

  static OptionType listOf(OptionType element) {
    return new ListOf(element);
  }

  static OptionType attrsOf(OptionType element) {
    return new AttrsOf(element);
  }

  static OptionType submodule(Map<String, OptionDecl> options) {
    return new Submodule(options);
  }

  /** Any value: a bool, number, string, list or table; the module checks it. @since 0.1.1 */
  static OptionType anything() {
    return new Anything();
  }

  static OptionType packageRef() {
    return new PackageRef();
  }

  record Bool() implements OptionType {
    @Override
    public String describe() {
      return "bool";
    }
  }

  record Int(OptionalLong min, OptionalLong max) implements OptionType {
    public Int {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
        throw new IllegalArgumentException("empty range " + min + ".." + max);
      }
    }

    @Override
    public String describe() {
      if (min.isEmpty() && max.isEmpty()) {
        return "int";
      }
      return "int between " + (min.isPresent() ? min.getAsLong() : "-inf") + " and "
          + (max.isPresent() ? max.getAsLong() : "inf");
    }
  }

  record Str(Optional<String> pattern) implements OptionType {
    public Str {
      Objects.requireNonNull(pattern, "pattern");
      pattern.ifPresent(Pattern::compile); // an invalid pattern is the module author's bug: fail at declaration
    }

    @Override
    public String describe() {
      return pattern.map(p -> "string matching /" + p + "/").orElse("string");
    }
  }

  /** A path in the configuration repository, relative to the file that defines it; it must exist. */
  record PathRef() implements OptionType {
    @Override
    public String describe() {
      return "path";
    }
  }

  record Enumeration(List<String> values) implements OptionType {
    public Enumeration {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("an enum needs values");
      }
    }

    @Override
    public String describe() {
      return "one of " + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
    }
  }

  record ListOf(OptionType element) implements OptionType {
    public ListOf {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public String describe() {
      return "list of " + element.describe();
    }
  }

  /** Named entries of one type: a table whose keys the user chooses. */
  record AttrsOf(OptionType element) implements OptionType {
    public AttrsOf {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public String describe() {
      return "attrs of " + element.describe();
    }
  }

  /** Nested options: a table whose keys are declared. */
  record Submodule(Map<String, OptionDecl> options) implements OptionType {
    public Submodule {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    @Override
    public String describe() {
      return "submodule";
    }
  }

  /** A reference to a package (a derivation) by name, e.g. {@code "ripgrep"}. */
  record PackageRef() implements OptionType {
    @Override
    public String describe() {
      return "package";
    }
  }

  /**
   * Any value (bool, int, float, string, list, table), for free-form settings such as macOS
   * defaults or a program's extra configuration. Tables merge key by key, lists concatenate,
   * scalars must agree.
   *
   * @since 0.1.1
   */
  record Anything() implements OptionType {
    @Override
    public String describe() {
      return "anything";
    }
  }
}
