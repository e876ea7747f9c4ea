package io.statectl.shell.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of the durations users write, in options ({@code --wait-timeout 30s}) and in
 * configuration files ({@code confirmTimeout = "30s"}): {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 30d}, {@code 1w}, a bare number of seconds, or ISO-8601 {@code PT30S}. Callers
 * turn an empty answer into their own located error.
 */
public final class DurationText {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d|w)?");

  private DurationText() {}

  /** The duration {@code text} says, or empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    Matcher m = SIMPLE.matcher(text.trim());
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException tooBig) {
        return Optional.empty();
      }
      String unit = m.group(2) == null ? "s" : m.group(2);
      return Optional.of(switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        case "w" -> Duration.ofDays(7 * n);
        default -> Duration.ofSeconds(n);
      });
    }
    try {
      return Optional.of(Duration.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
