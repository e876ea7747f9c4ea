package io.statectl.kernel.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.generation.ManifestEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitWarningsTest {
  private final List<ManifestEntry> entries = new ArrayList<>();
  private final Map<String, String> texts = new HashMap<>();

  private void unit(String name, String text, String... wantedBy) {
    entries.add(new ManifestEntry(ManifestEntry.ROOT_FILE, "etc/systemd/system/" + name, "root/" + name, "regular"));
    texts.put("/etc/systemd/system/" + name, text);
    for (String t : wantedBy) {
      entries.add(new ManifestEntry(ManifestEntry.ROOT_FILE, "etc/systemd/system/" + t + ".wants/" + name,
          "root/" + t + ".wants/" + name, "regular"));
    }
  }

  private List<String> warnings(String... targetsOnTheMachine) {
    UnitPlanner.Units units = UnitPlanner.units(UnitScope.SYSTEM, entries, UnitTexts.of(texts));
    return UnitWarnings.of(UnitScope.SYSTEM, units, List.of(targetsOnTheMachine)::contains);
  }

  @Test
  void wantedUnits_triggeredUnits_andUnitsOthersWant_areNotWarnedAbout() {
    unit("web.service", "[Service]\nExecStart=/bin/web\nWants=helper.service\n", "multi-user.target");
    unit("helper.service", "[Service]\nExecStart=/bin/helper\n");
    unit("tick.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n");
    unit("tick.timer", "[Timer]\nOnActiveSec=1s\n", "timers.target");
    unit("other.timer", "[Timer]\nOnActiveSec=1s\nUnit=job.service\n", "timers.target");
    unit("job.service", "[Service]\nExecStart=/bin/job\n");
    assertEquals(List.of(), warnings("multi-user.target", "timers.target"));
  }

  @Test
  void aUnitNothingEnables_isNamed() {
    unit("web.service", "[Service]\nExecStart=/bin/web\n", "multi-user.target");
    unit("lonely.service", "[Service]\nExecStart=/bin/lonely\n");
    List<String> w = warnings("multi-user.target");
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).startsWith("warning: lonely.service is not enabled by anything"), w.get(0));
  }

  @Test
  void aWantedByTargetTheMachineLacks_isNamedWithTheUnitsItWants() {
    unit("web.service", "[Service]\nExecStart=/bin/web\n", "multi-usr.target");
    List<String> w = warnings("multi-user.target");
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).contains("wantedBy target multi-usr.target does not exist")
        && w.get(0).contains("web.service will not start at boot"), w.get(0));
  }
}
