package io.statectl.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerCommandTest {
  @Test
  void idleTimeout_readsShortAndIsoDurations() {
    ServerCommand.DurationConverter c = new ServerCommand.DurationConverter();
    assertEquals(Duration.ofHours(3), c.convert("3h"));
    assertEquals(Duration.ofMinutes(30), c.convert("30m"));
    assertEquals(Duration.ofSeconds(90), c.convert("90s"));
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofDays(1), c.convert("1d"));
    assertEquals(Duration.ofMinutes(90), c.convert("PT90M"));
    assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("soon"));
  }
}
