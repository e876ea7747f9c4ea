package io.statectl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxAliasTest {
  private static final Map<String, String> SET = Map.of("STATECTL_NO_SANDBOX", "1");

  @Test
  void theVariable_addsTheFlagAfterABuildingCommand_only() {
    assertEquals(List.of("build", "--no-sandbox", "hello"), SandboxAlias.translate(List.of("build", "hello"), SET));
    assertEquals(List.of("--no-server", "apply", "--no-sandbox", "--host", "h"),
        SandboxAlias.translate(List.of("--no-server", "apply", "--host", "h"), SET));
    assertEquals(List.of("install", "--no-sandbox"), SandboxAlias.translate(List.of("install"), SET));
    List<String> gc = List.of("gc", "--dry-run");
    assertSame(gc, SandboxAlias.translate(gc, SET));
  }

  @Test
  void withoutTheVariable_orWithTheFlagAlready_argvIsUnchanged() {
    List<String> build = List.of("build", "hello");
    assertSame(build, SandboxAlias.translate(build, Map.of()));
    assertSame(build, SandboxAlias.translate(build, Map.of("STATECTL_NO_SANDBOX", "0")));
    List<String> flagged = List.of("build", "--no-sandbox");
    assertSame(flagged, SandboxAlias.translate(flagged, SET));
  }
}
