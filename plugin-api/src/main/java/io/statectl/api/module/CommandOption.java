package io.statectl.api.module;

import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command option such as {@code services.<name>.command}: a list of strings, or one string split
 * into words as a POSIX shell would (quotes and backslashes, but no expansion of variables, globs
 * or substitutions). Shared by the plugins that turn one declaration into systemd units and into
 * launchd jobs, so both read the same argument vector from it.
 *
 * @since 0.1.2
 */
public final class CommandOption {
  private CommandOption() {}

  /**
   * The argument vector of {@code value}, or empty with a located problem added.
   *
   * @param option the option's path, e.g. {@code services.web.command}, named in problems
   * @param absentAt where to point when the option is not set (the enclosing table)
   */
  public static Optional<List<String>> read(String option, Optional<ConfigValue> value, SourceLocation absentAt,
      List<ConfigProblem> problems) {
    String hint = "write " + option.substring(option.lastIndexOf('.') + 1) + " = [\"/usr/bin/program\", \"--flag\"] or "
        + "\"/usr/bin/program --flag\"";
    if (value.isEmpty()) {
      problems.add(new ConfigProblem(absentAt, option + " is not set", hint));
      return Optional.empty();
    }
    List<String> argv;
    if (value.get() instanceof ConfigString s) {
      Optional<List<String>> split = split(s.value());
      if (split.isEmpty()) {
        problems.add(new ConfigProblem(s.location(), option + ": a quote is not closed", "close it, or write a list"));
        return Optional.empty();
      }
      argv = split.get();
    } else if (value.get() instanceof ConfigList l && l.items().stream().allMatch(ConfigString.class::isInstance)) {
      argv = l.items().stream().map(i -> ((ConfigString) i).value()).toList();
    } else {
      problems.add(new ConfigProblem(value.get().location(), option + ": expected a list of strings or a string, got "
          + value.get().typeName(), hint));
      return Optional.empty();
    }
    if (argv.isEmpty() || argv.get(0).isEmpty()) {
      problems.add(new ConfigProblem(value.get().location(), option + " names no program", hint));
      return Optional.empty();
    }
    return Optional.of(argv);
  }

  /** The words of {@code line}, or empty when a quote is not closed. */
  public static Optional<List<String>> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          return Optional.empty();
        }
        w.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int j = i + 1;
        for (; j < line.length() && line.charAt(j) != '"'; j++) {
          char d = line.charAt(j);
          if (d == '\\' && j + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(j + 1)) >= 0) {
            j++;
            d = line.charAt(j);
          }
          w.append(d);
        }
        if (j >= line.length()) {
          return Optional.empty();
        }
        i = j;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return Optional.of(words);
  }
}
