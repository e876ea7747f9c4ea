package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff} and {@code show-generation} on real generations (applied under a --root, where
 * units are planned and never run): the services section says what the switch would do to each
 * unit, the /etc section how each file is placed.
 */
class ServicesDiffEndToEndTest {
  private static final String GEN1 = """
      home.username = "alice"

      [services.web]
      command = "/bin/sleep 1"

      [services.conf]
      command = "/bin/sleep 2"
      reload = "/bin/sh -c 'kill -HUP $MAINPID'"
      reloadTriggers = ["v1"]

      [services.doc]
      description = "docs v1"
      command = "/bin/sleep 3"

      [services.old]
      command = "/bin/sleep 4"

      [environment.etc."app/app.conf"]
      text = "version = 1\\n"

      [environment.etc."motd"]
      text = "hello\\n"

      [environment.etc."secret.conf"]
      text = "s\\n"
      mode = "0600"
      """;
  private static final String GEN2 = """
      home.username = "alice"

      [services.web]
      command = "/bin/sleep 10"

      [services.conf]
      command = "/bin/sleep 2"
      reload = "/bin/sh -c 'kill -HUP $MAINPID'"
      reloadTriggers = ["v2"]

      [services.doc]
      description = "docs v2"
      command = "/bin/sleep 3"

      [systemd.services.tick]
      serviceConfig = { Type = "oneshot", ExecStart = "/bin/true" }
      wantedBy = []

      [systemd.timers.tick]
      timerConfig = { OnActiveSec = "1s" }

      [systemd.user.services.notes]
      serviceConfig = { ExecStart = "/bin/sleep 5" }

      [environment.etc."app/app.conf"]
      text = "version = 2\\n"

      [environment.etc."motd"]
      text = "hello\\n"
      mode = "0644"
      """;

  @TempDir Path tmp;

  @Test
  void diffAndShowGeneration_listUnitsWithTheirSwitchAction_andEtcWithLinkOrCopy() throws Exception {
    Path config = tmp.resolve("config");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path root = Files.createDirectories(tmp.resolve("root"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    String[] apply = {"apply", "--config", config.toString(), "--host", "box", "--home", home.toString(), "--root",
        root.toString(), "--platform", "x86_64-linux"};
    Trees.write(config.resolve("hosts/box.toml"), GEN1);
    statectl.run(apply).ok();
    Trees.write(config.resolve("hosts/box.toml"), GEN2);
    statectl.run(apply).ok();

    String diff = statectl.run("diff", "1", "2").ok().out();
    String services = section(diff, "services:");
    assertTrue(services.contains("  ~ web.service: restart\n"), diff);
    assertTrue(services.contains("  ~ conf.service: reload\n"), diff);
    assertTrue(services.contains("  ~ doc.service: daemon-reload only"), diff);
    assertTrue(services.contains("  - old.service: stop\n"), diff);
    assertTrue(services.contains("  + tick.timer: start\n"), diff);
    assertTrue(services.contains("  + tick.service: not started: no target wants it"), diff);
    assertTrue(services.contains("-ExecStart=/bin/sleep 1") && services.contains("+ExecStart=/bin/sleep 10"),
        "the unit diff: " + diff);
    String etc = section(diff, "/etc:");
    assertTrue(etc.contains("  ~ app/app.conf (link)\n"), diff);
    assertTrue(etc.contains("+version = 2"), diff);
    assertTrue(etc.contains("  ~ motd (link → copy 0644 root:root)"), diff);
    assertTrue(etc.contains("  - secret.conf (copy 0600 root:root)"), diff);
    assertFalse(etc.contains("systemd/system"), "units are in the services section: " + diff);

    JsonNode json = new ObjectMapper().readTree(statectl.run("diff", "1", "2", "--json").ok().out());
    Map<String, String> onSwitch = new HashMap<>();
    json.get("services").forEach(s -> onSwitch.put(s.get("unit").asText(), s.get("onSwitch").asText()));
    assertEquals(Map.of("web.service", "restart", "conf.service", "reload", "doc.service", "daemon-reload-only",
        "old.service", "stop", "tick.timer", "start", "tick.service", "not-started"), onSwitch);
    Map<String, String> etcJson = new HashMap<>();
    json.get("etc").forEach(e -> etcJson.put(e.get("path").asText(), e.get("change").asText()));
    assertEquals(Map.of("app/app.conf", "changed", "motd", "mode", "secret.conf", "removed"), etcJson);

    String user = statectl.run("diff", "1", "2", "--profile", "home-alice").ok().out();
    assertTrue(section(user, "services:").contains("  + notes.service (user): start"), user);

    String show = statectl.run("show-generation", "2").ok().out();
    assertTrue(show.contains("  services since generation 1:\n"), show);
    assertTrue(show.contains("    ~ web.service: restart\n"), show);
    assertTrue(show.contains("  /etc since generation 1:\n"), show);
    assertTrue(show.contains("    - secret.conf (copy 0600 root:root)"), show);
    JsonNode showJson = new ObjectMapper().readTree(statectl.run("show-generation", "2", "--json").ok().out());
    assertEquals(6, showJson.get("services").size(), showJson.toString());
    assertEquals(3, showJson.get("etc").size(), showJson.toString());

    String same = statectl.run("diff", "2", "2").ok().out();
    assertTrue(same.contains("services: no changes") && same.contains("/etc: no changes"), same);
  }

  /** The lines of one section of diff's text output, up to the next unindented line. */
  private static String section(String out, String title) {
    int at = out.indexOf("\n" + title + "\n");
    assertTrue(at >= 0, "no " + title + " section in:\n" + out);
    StringBuilder b = new StringBuilder();
    for (String l : out.substring(at + title.length() + 2).split("\n", -1)) {
      if (!l.startsWith(" ")) {
        break;
      }
      b.append(l).append('\n');
    }
    return b.toString();
  }
}
