package io.statectl.shell.cli;

import io.statectl.shell.engine.DurationText;
import io.statectl.shell.engine.inspect.HistoryPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parsing of the durations, times and points of history that options take. */
final class Durations {

  private Durations() {}

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 30d}, {@code 1w}, a bare number of seconds, or ISO-8601 {@code PT30S} ({@link DurationText}). */
  static Duration parse(String text, String option) {
    return DurationText.parse(text).orElseThrow(() -> new CommandLine.TypeConversionException("'" + text
        + "' is not a duration for " + option + " (examples: 30s, 5m, 2h, 30d, PT90S)"));
  }

  /** An ISO-8601 instant ({@code 2026-01-02T03:04:05Z}) or date ({@code 2026-01-02}, midnight UTC). */
  static Instant instant(String text, String option) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new CommandLine.TypeConversionException("'" + text + "' is not an ISO-8601 time for " + option
            + " (examples: 2026-01-02, 2026-01-02T03:04:05Z)");
      }
    }
  }

  /** {@code 42} (after event 42), {@code generation:3} or {@code gen:3}, or an ISO-8601 time. */
  static HistoryPoint point(String text, String option) {
    String t = text.trim();
    if (t.matches("\\d+")) {
      return new HistoryPoint.AtEvent(Long.parseLong(t));
    }
    Matcher g = Pattern.compile("(?:generation|gen|g):(\\d+)").matcher(t);
    if (g.matches()) {
      return new HistoryPoint.AtGeneration(Integer.parseInt(g.group(1)));
    }
    return new HistoryPoint.AtTime(instant(t, option));
  }
}
