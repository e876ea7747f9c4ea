package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * services.*, systemd.* and environment.etc through the assembled statectl, under a --root
 * directory (units are planned there, never run): every bad input is a located error that
 * changes nothing; a good configuration lands under the root with the unit switch planned.
 */
class ServicesConfigurationTest {
  @TempDir Path tmp;
  TempMachine machine;
  Path config;
  Path root;
  Statectl statectl;

  @BeforeEach
  void setUp() throws Exception {
    machine = TempMachine.under(tmp);
    config = machine.config();
    root = machine.root();
    statectl = machine.statectl();
    Trees.write(config.resolve("modules/web.toml"), "[services.web]\ncommand = \"/bin/sleep 1\"\n");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("unknown serviceConfig key",
            "[systemd.services.web2]\nserviceConfig = { ExecStart = \"/bin/true\", Restrat = \"always\" }\n",
            "hosts/box.toml:3:", "[Service] has no key Restrat", "did you mean Restart?"),
        Arguments.of("restart = sometimes", "[services.web]\nrestart = \"sometimes\"\n",
            "hosts/box.toml:3:1", "services.web.restart: expected one of \"no\", \"on-failure\", \"always\"", "hint: "),
        Arguments.of("service named ../x", "[services.\"../x\"]\ncommand = \"/bin/true\"\n",
            "hosts/box.toml:2:", "\"../x\" is not a systemd unit name", "hint: "),
        Arguments.of("absolute etc path", "[environment.etc.\"/etc/passwd\"]\ntext = \"x\"\n",
            "hosts/box.toml:2:", "paths are relative to /etc", "write \"passwd\""),
        Arguments.of("escaping etc path", "[environment.etc.\"../x\"]\ntext = \"x\"\n",
            "hosts/box.toml:2:", "not a plain relative path inside /etc", "hint: "),
        Arguments.of("same command in two modules", "[services.web]\ncommand = \"/bin/sleep 2\"\n",
            "hosts/box.toml:3:1", "conflicting definitions of services.web.command", "modules/web.toml:2:1"),
        Arguments.of("user service in the system profile",
            "[systemd.user.services.notes]\nserviceConfig = { ExecStart = \"/bin/true\" }\n",
            "hosts/box.toml:2:", "systemd.user.services belongs to a home profile", "home.username"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badServiceInput_isLocated_andChangesNothing(String name, String text, String location, String phrase,
      String hint) {
    Trees.write(config.resolve("hosts/box.toml"), "imports = [\"../modules/web.toml\"]\n" + text);
    Map<String, String> before = Trees.picture(root);
    Statectl.Result r = machine.apply();
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains(location), "expected " + location + " in:\n" + r.err());
    assertTrue(r.err().contains(phrase), r.err());
    assertTrue(r.err().contains(hint), r.err());
    assertEquals(before, Trees.picture(root), "root unchanged");
    assertTrue(!Files.exists(statectl.stateDir()), "no state directory made");
  }

  @Test
  void servicesUnderARoot_areLinkedThere_andTheUnitSwitchIsPlannedNotRun() throws Exception {
    Trees.write(config.resolve("hosts/box.toml"), "imports = [\"../modules/web.toml\"]\n"
        + "[environment.etc.\"app.conf\"]\ntext = \"port = 1\\n\"\n");
    Statectl.Result dry = machine.apply("--dry-run").ok();
    assertTrue(dry.out().contains("planned daemon-reload; start web.service (not run: --root"), dry.out());
    machine.apply().ok();
    assertEquals("port = 1\n", Files.readString(root.resolve("etc/app.conf")));
    String unit = Files.readString(root.resolve("etc/systemd/system/web.service"));
    assertTrue(unit.contains("ExecStart=/bin/sleep 1\n"), unit);
    Path wants = root.resolve("etc/systemd/system/multi-user.target.wants/web.service");
    assertTrue(Files.readSymbolicLink(wants).startsWith(statectl.stateDir().resolve("profiles/system")), wants.toString());
    assertEquals(unit, Files.readString(wants));

    Trees.write(config.resolve("modules/web.toml"), "[services.web]\ncommand = \"/bin/sleep 2\"\n");
    Statectl.Result changed = machine.apply("--dry-run").ok();
    assertTrue(changed.out().contains("planned stop web.service (before the switch)"), changed.out());
    assertTrue(changed.out().contains("planned daemon-reload; start web.service"), changed.out());
  }
}
