package io.statectl.shell.cli;

import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.inspect.HistoryPoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

  @Test
  void durations_inShortUnitsOrIso() {
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s", "--x"));
    assertEquals(Duration.ofSeconds(7), Durations.parse("7", "--x"));
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms", "--x"));
    assertEquals(Duration.ofMinutes(5), Durations.parse("5m", "--x"));
    assertEquals(Duration.ofDays(30), Durations.parse("30d", "--x"));
    assertEquals(Duration.ofDays(14), Durations.parse("2w", "--x"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("PT90S", "--x"));
    assertEquals(Duration.ZERO, Durations.parse("0", "--x"));
    CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
        () -> Durations.parse("soon", "--wait-timeout"));
    assertEquals("'soon' is not a duration for --wait-timeout (examples: 30s, 5m, 2h, 30d, PT90S)", e.getMessage());
  }

  @Test
  void pointsOfHistory_eventGenerationOrTime() {
    assertEquals(new HistoryPoint.AtEvent(42), Durations.point("42", "--as-of"));
    assertEquals(new HistoryPoint.AtGeneration(3), Durations.point("gen:3", "--as-of"));
    assertEquals(new HistoryPoint.AtGeneration(3), Durations.point("generation:3", "--as-of"));
    assertEquals(new HistoryPoint.AtTime(Instant.parse("2026-01-02T00:00:00Z")), Durations.point("2026-01-02", "--as-of"));
    assertEquals(new HistoryPoint.AtTime(Instant.parse("2026-01-02T03:04:05Z")),
        Durations.point("2026-01-02T03:04:05Z", "--as-of"));
    assertThrows(CommandLine.TypeConversionException.class, () -> Durations.point("yesterday", "--as-of"));
  }

  @Test
  void generationRanges() {
    assertEquals(new io.statectl.shell.engine.Request.GenerationRange(2, 5), GcCommand.range("2..5"));
    assertEquals(new io.statectl.shell.engine.Request.GenerationRange(4, 4), GcCommand.range("4"));
    assertThrows(CommandLine.TypeConversionException.class, () -> GcCommand.range("5..2"));
  }
}
