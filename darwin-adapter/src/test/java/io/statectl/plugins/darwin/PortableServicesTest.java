package io.statectl.plugins.darwin;

import static io.statectl.plugins.darwin.Configs.bool;
import static io.statectl.plugins.darwin.Configs.context;
import static io.statectl.plugins.darwin.Configs.list;
import static io.statectl.plugins.darwin.Configs.str;
import static io.statectl.plugins.darwin.Configs.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigString;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.option.Defaults;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code services.<name>} on macOS: launchd daemons, read back by libplist and plistlib. */
class PortableServicesTest {
  final DarwinModule module = new DarwinModule();

  @TempDir
  Path dir;

  /** One service as the kernel hands it over: the services plugin's defaults filled in. */
  static ConfigTable service(int line, Object... kv) {
    Map<String, ConfigValue> m = new LinkedHashMap<>(table(line, kv).entries());
    m.putIfAbsent("environment", Defaults.emptyTable());
    m.putIfAbsent("restart", str("on-failure"));
    for (String k : List.of("restartTriggers", "reloadTriggers", "after", "wants")) {
      m.putIfAbsent(k, Defaults.emptyList());
    }
    m.putIfAbsent("enable", bool(true));
    return new ConfigTable(m, Configs.at(line));
  }

  ModuleContribution on(Platform platform, Object... services) {
    return module.contribute(context(platform, Configs.nothingSet(), Map.of("services", table(40, services))));
  }

  static String plist(ModuleContribution c, String label) {
    assertTrue(c.problems().isEmpty(), () -> "unexpected problems: " + c.problems());
    return c.entries().stream().filter(RootFile.class::isInstance).map(RootFile.class::cast)
        .filter(f -> f.target().equals("Library/LaunchDaemons/" + label + ".plist")).findFirst()
        .map(f -> ((FileContent.Text) f.content()).text()).orElseThrow(() -> new AssertionError("no plist: " + c.entries()));
  }

  static ManagedSetting setting(ModuleContribution c, String label) {
    return c.entries().stream().filter(ManagedSetting.class::isInstance).map(ManagedSetting.class::cast)
        .filter(s -> s.id().equals("launchd:daemon:" + label)).findFirst().orElseThrow();
  }

  @Test
  void everyPortableOption_becomesItsLaunchdKey_andRealParsersReadItBack() throws Exception {
    ModuleContribution c = on(Platform.AARCH64_DARWIN, "web", service(41, "command", str("/usr/bin/python3 -m 'http.server' 8080"),
        "environment", table(42, "PORT", str("8080"), "LANG", str("C")), "workingDirectory", str("/srv/www"),
        "user", str("_www"), "group", str("staff"), "restart", str("always")));
    Map<String, Object> parsed = PlistParsers.parse(plist(c, "org.statectl.web"), dir);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("Label", "org.statectl.web");
    expected.put("ProgramArguments", List.of("/usr/bin/python3", "-m", "http.server", "8080"));
    expected.put("EnvironmentVariables", Map.of("PORT", "8080", "LANG", "C"));
    expected.put("KeepAlive", true);
    expected.put("RunAtLoad", true);
    expected.put("WorkingDirectory", "/srv/www");
    expected.put("UserName", "_www");
    expected.put("GroupName", "staff");
    assertEquals(expected, parsed);
    ManagedSetting s = setting(c, "org.statectl.web");
    assertEquals(ManagedSetting.Scope.SYSTEM, s.scope());
    assertEquals(List.of(List.of("/bin/launchctl", "bootstrap", "system", "@root@/Library/LaunchDaemons/org.statectl.web.plist")),
        s.apply().subList(1, 2));
    assertEquals(List.of(List.of("/bin/launchctl", "bootout", "system/org.statectl.web")), s.revert());
  }

  @Test
  void restart_mapsToKeepAlive_falseTrueOrRestartOnlyAfterAFailedExit() throws Exception {
    Map<String, Object> expected = Map.of("no", false, "always", true, "on-failure", Map.of("SuccessfulExit", false));
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      ModuleContribution c = on(Platform.X86_64_DARWIN, "w", service(41, "command", list(str("/bin/sleep"), str("9")),
          "restart", str(e.getKey())));
      assertEquals(e.getValue(), PlistParsers.parse(plist(c, "org.statectl.w"), dir).get("KeepAlive"), e.getKey());
    }
  }

  @Test
  void whatLaunchdCannotExpress_isNotedInThePlist_whichStillParsesTheSame() throws Exception {
    ModuleContribution plain = on(Platform.AARCH64_DARWIN, "w", service(41, "command", str("/bin/sleep 9")));
    ModuleContribution noted = on(Platform.AARCH64_DARWIN, "w", service(41, "command", str("/bin/sleep 9"),
        "after", list(str("network-online.target")), "wants", list(str("db.service")), "reload", str("/bin/kill -HUP 1"),
        "description", str("a -- b")));
    String xml = plist(noted, "org.statectl.w");
    assertTrue(xml.contains("statectl: services.\"w\".after = [network-online.target] is not expressed"), xml);
    assertTrue(xml.contains("statectl: services.\"w\".wants = [db.service] is not expressed"), xml);
    assertTrue(xml.contains("statectl: services.\"w\".reload is not expressed"), xml);
    assertEquals(PlistParsers.parse(plist(plain, "org.statectl.w"), dir), PlistParsers.parse(xml, dir));
    Lint.ifAvailable(xml, dir);
  }

  @Test
  void triggers_changeTheJobsState_notItsFile() {
    ModuleContribution a = on(Platform.AARCH64_DARWIN, "w", service(41, "command", str("/bin/sleep 9"),
        "restartTriggers", list(str("config-v1"))));
    ModuleContribution b = on(Platform.AARCH64_DARWIN, "w", service(41, "command", str("/bin/sleep 9"),
        "restartTriggers", list(str("config-v2"))));
    assertEquals(plist(a, "org.statectl.w"), plist(b, "org.statectl.w"));
    assertNotEquals(setting(a, "org.statectl.w").state(), setting(b, "org.statectl.w").state());
  }

  @Test
  void disabledServices_becomeNoJob_andLinuxIsLeftToTheServicesPlugin() {
    ModuleContribution off = on(Platform.AARCH64_DARWIN, "w", service(41, "command", str("/bin/true"), "enable", bool(false)));
    assertEquals(List.of(), off.entries());
    ModuleContribution linux = module.contribute(context(Platform.X86_64_LINUX, Configs.nothingSet(),
        Map.of("services", table(40, "w", service(41, "command", str("/bin/true"))))));
    assertEquals(List.of(), linux.entries());
    assertEquals(List.of(), linux.problems());
  }

  @Test
  void theSameInputs_renderTheSameBytes() {
    Object[] decl = {"w", service(41, "command", str("/bin/sleep 9"), "environment", table(42, "B", str("2"), "A", str("1")))};
    assertEquals(plist(on(Platform.AARCH64_DARWIN, decl), "org.statectl.w"), plist(on(Platform.AARCH64_DARWIN, decl), "org.statectl.w"));
  }

  @Test
  void userServices_becomeAgentsInTheHome_loadedInTheUsersGuiDomain() throws Exception {
    ModuleContribution c = module.contribute(context(Platform.AARCH64_DARWIN, Configs.nothingSet(), Map.of("services",
        table(40, "notes", service(41, "command", str("/usr/bin/true"), "scope", str("user"))),
        "home.username", str("alice"))));
    assertTrue(c.problems().isEmpty(), c.problems().toString());
    HomeFile agent = c.entries().stream().filter(HomeFile.class::isInstance).map(HomeFile.class::cast).findFirst().orElseThrow();
    assertEquals("Library/LaunchAgents/org.statectl.notes.plist", agent.target());
    assertEquals("org.statectl.notes", PlistParsers.parse(((FileContent.Text) agent.content()).text(), dir).get("Label"));
    ManagedSetting s = c.entries().stream().filter(ManagedSetting.class::isInstance).map(ManagedSetting.class::cast)
        .findFirst().orElseThrow();
    assertEquals("launchd:agent:org.statectl.notes", s.id());
    assertEquals(ManagedSetting.Scope.USER, s.scope());
    assertEquals(List.of("/bin/launchctl", "bootstrap", "gui/@uid@", "@home@/Library/LaunchAgents/org.statectl.notes.plist"),
        s.apply().get(1));
  }

  @Test
  void aUserServiceWithoutAHomeProfile_orWithAUser_isALocatedProblem() {
    ModuleContribution noHome = on(Platform.AARCH64_DARWIN, "n", service(41, "command", str("/usr/bin/true"),
        "scope", new ConfigString("user", Configs.at(43))));
    assertEquals(List.of(), noHome.entries());
    assertEquals(1, noHome.problems().size(), noHome.problems().toString());
    assertEquals(43, noHome.problems().get(0).location().line());
    assertTrue(noHome.problems().get(0).message().contains("services.\"n\".scope = \"user\" belongs to a home profile"));
    ModuleContribution withUser = module.contribute(context(Platform.AARCH64_DARWIN, Configs.nothingSet(), Map.of("services",
        table(40, "n", service(41, "command", str("/usr/bin/true"), "scope", str("user"), "user", str("root"))),
        "home.username", str("alice"))));
    assertEquals(List.of(), withUser.entries());
    assertTrue(withUser.problems().get(0).message().contains("services.\"n\".user cannot be set on a user service"),
        withUser.problems().toString());
  }

  @Test
  void badNamesAndCommands_areLocatedProblems_withNoEntries() {
    ModuleContribution c = on(Platform.AARCH64_DARWIN, "../x", service(41, "command", str("/bin/true")),
        "ok", service(44, "command", str("/bin/true")), "open", service(47, "command", str("/bin/echo 'open")),
        "none", service(50));
    assertEquals(List.of(), c.entries(), "nothing of a configuration with problems");
    assertEquals(3, c.problems().size(), () -> c.problems().toString());
    assertTrue(c.problems().get(0).message().contains("\"../x\" cannot be part of a launchd label"), c.problems().toString());
    assertEquals(41, c.problems().get(0).location().line());
    assertTrue(c.problems().get(1).message().contains("services.\"open\".command: a quote is not closed"));
    assertTrue(c.problems().get(2).message().contains("services.\"none\".command is not set"));
    assertEquals(50, c.problems().get(2).location().line());
  }
}
