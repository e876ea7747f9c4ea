package io.statectl.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  @TempDir Path tmp;

  @Test
  void explain_printsMeaningCauseAndFix() {
    var r = InProcessCli.run(tmp, tmp, "explain", "STC-E003");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("STC-E003 (activation-conflict)"), r.out());
    assertTrue(r.out().contains("typical cause:"), r.out());
    assertTrue(r.out().contains("fix:") && r.out().contains("--backup"), r.out());
  }

  @Test
  void explain_acceptsShortForms_andTheInternalCode() {
    assertTrue(InProcessCli.run(tmp, tmp, "explain", "E001").out().startsWith("STC-E001"));
    assertTrue(InProcessCli.run(tmp, tmp, "explain", "1").out().startsWith("STC-E001"));
    assertTrue(InProcessCli.run(tmp, tmp, "explain", "STC-E999").out().startsWith("STC-E999 (internal)"));
  }

  @Test
  void explain_withoutCode_listsEveryCode() {
    var r = InProcessCli.run(tmp, tmp, "explain");
    assertEquals(0, r.exit());
    for (ErrorCode c : ErrorCode.values()) {
      assertTrue(r.out().contains(c.id()), c.id());
    }
  }

  @Test
  void explain_unknownCode_isAUsageErrorNamingHowToList() {
    var r = InProcessCli.run(tmp, tmp, "explain", "STC-E998");
    assertEquals(ErrorCode.USAGE.exitCode(), r.exit());
    assertTrue(r.err().contains("error[STC-E010]: there is no error code STC-E998"), r.err());
    assertTrue(r.err().contains("`statectl explain` with no argument lists every code"), r.err());
    assertTrue(r.out().isEmpty());
  }
}
