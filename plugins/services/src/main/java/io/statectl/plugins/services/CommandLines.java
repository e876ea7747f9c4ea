package io.statectl.plugins.services;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Command lines (split by {@link io.statectl.api.module.CommandOption}): argument vectors written the way
 * systemd reads {@code ExecStart=} (quoted, with {@code $} and {@code %} escaped so that systemd
 * neither expands variables nor specifiers in them).
 */
final class CommandLines {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@+=:,./_-]+");

  private CommandLines() {}

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
