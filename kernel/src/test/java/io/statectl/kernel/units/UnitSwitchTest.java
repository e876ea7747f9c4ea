package io.statectl.kernel.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnitSwitchTest {
  private static final String WEB = """
      [Unit]
      Description=web
      [Service]
      ExecStart=/store/aaa-web/bin/web
      [Install]
      WantedBy=multi-user.target
      """;

  private static Map<String, ParsedUnit> units(String... nameAndText) {
    Map<String, ParsedUnit> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndText.length; i += 2) {
      m.put(nameAndText[i], ParsedUnit.parse(nameAndText[i], nameAndText[i + 1]));
    }
    return m;
  }

  private static UnitDecision decide(Map<String, ParsedUnit> before, Map<String, ParsedUnit> after, Set<String> wanted) {
    return UnitSwitch.decide(UnitScope.SYSTEM, before, after, wanted, UnitSwitch.LiveState.UNKNOWN);
  }

  @Test
  void newAndWanted_starts_newUnwanted_doesNot_goneStops() {
    UnitDecision d = decide(units("old.service", WEB), units("web.service", WEB, "tick.service", WEB),
        Set.of("web.service"));
    assertEquals(List.of("web.service"), d.start());
    assertEquals(List.of("old.service"), d.stop());
    assertTrue(d.daemonReload());
    assertTrue(d.stopsBeforeSwitch());
  }

  @Test
  void goneButInactive_isNotStopped() {
    UnitDecision d = UnitSwitch.decide(UnitScope.SYSTEM, units("old.service", WEB), Map.of(), Set.of(),
        unit -> Optional.of("inactive"));
    assertEquals(List.of(), d.stop());
    assertTrue(d.daemonReload());
  }

  @Test
  void sameParsedUnit_withOtherFormatting_isNoChangeAndNoDaemonReload() {
    UnitDecision d = decide(units("web.service", WEB),
        units("web.service", "# a comment\n[Unit]\nDescription = web\n\n[Service]\nExecStart=/store/aaa-web/bin/\\\n  web\n"
            .replace("/bin/\\\n  web", "/bin/web") + "[Install]\nWantedBy=multi-user.target\n"), Set.of("web.service"));
    assertTrue(d.isEmpty(), d.toString());
  }

  @Test
  void changedExecStartStorePath_stopsBeforeAndStartsAfter_byDefault() {
    UnitDecision d = decide(units("web.service", WEB), units("web.service", WEB.replace("aaa-web", "bbb-web")),
        Set.of("web.service"));
    assertEquals(List.of("web.service"), d.stopThenStart());
    assertEquals(List.of(), d.restart());
  }

  @Test
  void stopIfChangedFalse_restartsAfterTheSwitch_andOtherTypesRestart() {
    String next = WEB.replace("aaa-web", "bbb-web").replace("Description=web", "Description=web\nX-StopIfChanged=false");
    UnitDecision d = decide(units("web.service", WEB, "t.timer", "[Timer]\nOnCalendar=daily\n"),
        units("web.service", next, "t.timer", "[Timer]\nOnCalendar=hourly\n"), Set.of());
    assertEquals(List.of("t.timer", "web.service"), d.restart());
    assertFalse(d.stopsBeforeSwitch());
  }

  @Test
  void onlyReloadTriggersChanged_reloads_whenTheServiceCanReload() {
    String v1 = WEB.replace("Description=web", "Description=web\nX-Reload-Triggers=v1")
        .replace("[Install]", "ExecReload=/bin/kill -HUP $MAINPID\n[Install]");
    UnitDecision d = decide(units("web.service", v1), units("web.service", v1.replace("v1", "v2")), Set.of());
    assertEquals(List.of("web.service"), d.reload());
    // without ExecReload there is nothing to reload with: it is restarted
    String noReload = WEB.replace("Description=web", "Description=web\nX-Reload-Triggers=v1");
    UnitDecision r = decide(units("web.service", noReload), units("web.service", noReload.replace("v1", "v2")), Set.of());
    assertEquals(List.of("web.service"), r.stopThenStart());
  }

  @Test
  void reloadIfChanged_reloadsAnyChange_restartIfChangedFalse_leavesItRunning() {
    String reloadable = WEB.replace("Description=web", "Description=web\nX-ReloadIfChanged=true")
        .replace("[Install]", "ExecReload=/bin/true\n[Install]");
    assertEquals(List.of("web.service"), decide(units("web.service", reloadable),
        units("web.service", reloadable.replace("aaa", "bbb")), Set.of()).reload());
    String sticky = WEB.replace("Description=web", "Description=web\nX-RestartIfChanged=false");
    UnitDecision d = decide(units("web.service", sticky), units("web.service", sticky.replace("aaa", "bbb")), Set.of());
    assertEquals(List.of("web.service"), d.leftRunning());
    assertTrue(d.stopThenStart().isEmpty() && d.restart().isEmpty());
  }

  @Test
  void descriptionOrInstallChange_needsOnlyTheDaemonReload() {
    UnitDecision d = decide(units("web.service", WEB),
        units("web.service", WEB.replace("Description=web", "Description=the web").replace("multi-user", "graphical")),
        Set.of("web.service"));
    assertTrue(d.daemonReload());
    assertTrue(d.stop().isEmpty() && d.stopThenStart().isEmpty() && d.restart().isEmpty() && d.reload().isEmpty()
        && d.start().isEmpty(), d.toString());
  }

  @Test
  void changedButNotRunning_isLeftStopped() {
    UnitDecision d = UnitSwitch.decide(UnitScope.SYSTEM, units("web.service", WEB),
        units("web.service", WEB.replace("aaa", "bbb")), Set.of("web.service"), unit -> Optional.of("inactive"));
    assertTrue(d.stopThenStart().isEmpty() && d.restart().isEmpty(), d.toString());
    assertTrue(d.daemonReload());
  }

  @Test
  void parse_keepsRepeatedKeys_andAnEmptyAssignmentResetsTheList() {
    ParsedUnit u = ParsedUnit.parse("x.service", "[Service]\nExecStartPre=/a\nExecStartPre=\nExecStartPre=/b\n; c\n");
    assertEquals(Map.of("Service", Map.of("ExecStartPre", List.of("/b"))), u.sections());
  }
}
