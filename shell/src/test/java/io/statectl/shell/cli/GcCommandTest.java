package io.statectl.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GcCommandTest {
  @Test
  void maxFreed_takesBytesAndBinaryUnits_andRefusesAnythingElse() {
    assertEquals(0, GcCommand.size("0"));
    assertEquals(4096, GcCommand.size("4096"));
    assertEquals(500L << 20, GcCommand.size("500M"));
    assertEquals(1L << 30, GcCommand.size("1G"));
    assertEquals(1L << 30, GcCommand.size("1GiB"));
    assertEquals(2L << 10, GcCommand.size("2k"));
    assertThrows(CommandLine.TypeConversionException.class, () -> GcCommand.size("lots"));
    assertThrows(CommandLine.TypeConversionException.class, () -> GcCommand.size("-1"));
  }
}
