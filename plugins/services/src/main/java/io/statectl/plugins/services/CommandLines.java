package io.statectl.plugins.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Command lines: one string split into words as a POSIX shell would (quotes and backslashes, but
 * no expansion of variables, globs or substitutions), and argument vectors written the way
 * systemd reads {@code ExecStart=} (quoted, with {@code $} and {@code %} escaped so that systemd
 * neither expands variables nor specifiers in them).
 */
final class CommandLines {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@+=:,./_-]+");

  private CommandLines() {}

  /** The words of {@code line}, or empty when a quote is not closed. */
  static Optional<List<String>> split(String line) {
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

  /** An argument vector as one {@code ExecStart=} value. */
  static String systemd(List<String> argv) {
    return argv.stream().map(CommandLines::quote).collect(Collectors.joining(" "));
  }

  private static String quote(String arg) {
    String escaped = arg.replace("%", "%%").replace("$", "$$");
    if (PLAIN.matcher(arg).matches()) {
      return escaped;
    }
    return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** A value of {@code Environment=}: one quoted {@code KEY=value} assignment. */
  static String environment(String key, String value) {
    return '"' + (key + "=" + value).replace("%", "%%").replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
