package io.statectl.plugins.darwin;

import static io.statectl.plugins.darwin.Configs.at;
import static io.statectl.plugins.darwin.Configs.bool;
import static io.statectl.plugins.darwin.Configs.context;
import static io.statectl.plugins.darwin.Configs.darwin;
import static io.statectl.plugins.darwin.Configs.integer;
import static io.statectl.plugins.darwin.Configs.job;
import static io.statectl.plugins.darwin.Configs.list;
import static io.statectl.plugins.darwin.Configs.real;
import static io.statectl.plugins.darwin.Configs.str;
import static io.statectl.plugins.darwin.Configs.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.option.OptionType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DarwinModuleTest {
  static final Platform MAC = Platform.AARCH64_DARWIN;
  final DarwinModule module = new DarwinModule();

  @TempDir
  Path dir;

  ModuleContribution onMac(ConfigTable darwin) {
    return module.contribute(context(MAC, darwin));
  }

  static <T extends ActivationEntry> List<T> only(ModuleContribution c, Class<T> kind) {
    assertTrue(c.problems().isEmpty(), () -> "unexpected problems: " + c.problems());
    return c.entries().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static ConfigTable agents(Object... kv) {
    return table(2, kv);
  }

  static ConfigTable defaults(Object... kv) {
    return table(20, kv);
  }

  @Test
  void declaresTheDarwinNamespaceWithItsOptions() {
    assertEquals("darwin", module.namespace());
    var options = ((OptionType.Submodule) module.options().type()).options();
    assertEquals(List.of("launchd", "defaults", "linkApplications"), List.copyOf(options.keySet()));
    var launchd = ((OptionType.Submodule) options.get("launchd").type()).options();
    var job = (OptionType.Submodule) ((OptionType.AttrsOf) launchd.get("agents").type()).element();
    assertEquals(List.of("program", "arguments", "environment", "keepAlive", "runAtLoad", "startInterval", "standardOutPath",
        "standardErrorPath", "workingDirectory"), List.copyOf(job.options().keySet()));
    assertEquals("int between 1 and inf", job.options().get("startInterval").type().describe());
  }

  @Test
  void agent_isAPlistInTheHome_andASettingThatBootstrapsItIntoTheGuiDomain() throws Exception {
    ModuleContribution c = onMac(darwin(agents("org.example.sync", job(3, "program", str("/usr/local/bin/sync"),
        "arguments", list(str("--once")), "startInterval", integer(600), "runAtLoad", bool(true))), null, null, null));
    HomeFile file = only(c, HomeFile.class).get(0);
    assertEquals("Library/LaunchAgents/org.example.sync.plist", file.target());
    assertEquals(FileMode.REGULAR, file.mode());
    assertEquals(at(3), file.definedAt());
    String xml = ((FileContent.Text) file.content()).text();
    assertEquals(Map.of("Label", "org.example.sync", "ProgramArguments", List.of("/usr/local/bin/sync", "--once"),
        "StartInterval", 600, "RunAtLoad", true), PlistParsers.parse(xml, dir));

    ManagedSetting s = only(c, ManagedSetting.class).get(0);
    assertEquals("launchd:agent:org.example.sync", s.id());
    assertEquals(ManagedSetting.Scope.USER, s.scope());
    assertEquals("darwin", s.family());
    assertEquals(LaunchdPlist.sha256(xml), s.state());
    assertEquals(List.of(
        List.of("/bin/sh", "-c", "/bin/launchctl bootout gui/@uid@/org.example.sync 2>/dev/null || true"),
        List.of("/bin/launchctl", "bootstrap", "gui/@uid@", "@home@/Library/LaunchAgents/org.example.sync.plist")), s.apply());
    assertEquals(List.of(List.of("/bin/launchctl", "bootout", "gui/@uid@/org.example.sync")), s.revert());
  }

  @Test
  void daemon_isAPlistUnderTheRoot_andASystemSetting() throws Exception {
    ModuleContribution c = onMac(darwin(null, table(5, "org.example.backup", job(6, "program", str("/usr/local/bin/backup"),
        "environment", table(7, "B", str("2"), "A", str("1")), "keepAlive", bool(true))), null, null));
    RootFile file = only(c, RootFile.class).get(0);
    assertEquals("Library/LaunchDaemons/org.example.backup.plist", file.target());
    assertEquals(Map.of("Label", "org.example.backup", "ProgramArguments", List.of("/usr/local/bin/backup"),
        "EnvironmentVariables", Map.of("A", "1", "B", "2"), "KeepAlive", true),
        PlistParsers.parse(((FileContent.Text) file.content()).text(), dir));
    ManagedSetting s = only(c, ManagedSetting.class).get(0);
    assertEquals("launchd:daemon:org.example.backup", s.id());
    assertEquals(ManagedSetting.Scope.SYSTEM, s.scope());
    assertEquals(List.of(
        List.of("/bin/sh", "-c", "/bin/launchctl bootout system/org.example.backup 2>/dev/null || true"),
        List.of("/bin/launchctl", "bootstrap", "system", "@root@/Library/LaunchDaemons/org.example.backup.plist")), s.apply());
    assertEquals(List.of(List.of("/bin/launchctl", "bootout", "system/org.example.backup")), s.revert());
    assertTrue(only(c, HomeFile.class).isEmpty());
  }

  @Test
  void changedJob_keepsItsId_butChangesItsState() {
    ManagedSetting before = only(onMac(darwin(agents("org.x", job(3, "program", str("/a"))), null, null, null)),
        ManagedSetting.class).get(0);
    ManagedSetting after = only(onMac(darwin(agents("org.x", job(3, "program", str("/b"))), null, null, null)),
        ManagedSetting.class).get(0);
    assertEquals(before.id(), after.id());
    assertNotEquals(before.state(), after.state());
  }

  @Test
  void badLabels_areProblemsAtTheJob_andNothingIsContributed() {
    ConfigTable slash = job(3, "program", str("/a"));
    ConfigTable space = job(4, "program", str("/a"));
    ConfigTable dot = job(5, "program", str("/a"));
    ModuleContribution c = onMac(darwin(agents("../evil", slash, "has space", space, ".hidden", dot,
        "org.ok", job(6, "program", str("/a"))), null, null, null));
    assertTrue(c.entries().isEmpty());
    assertEquals(List.of(at(3), at(4), at(5)), c.problems().stream().map(ConfigProblem::location).toList());
    assertTrue(c.problems().get(0).message().contains("\"../evil\" is not a launchd label"), c.problems().get(0).message());
    assertTrue(c.problems().get(0).hint().contains("reverse-DNS"), c.problems().get(0).hint());
  }

  @Test
  void missingProgram_isAProblem() {
    ModuleContribution c = onMac(darwin(agents("org.x", job(3, "runAtLoad", bool(true))), null, null, null));
    assertEquals(1, c.problems().size());
    assertEquals(at(3), c.problems().get(0).location());
    assertTrue(c.problems().get(0).message().endsWith("needs a program"), c.problems().get(0).message());
  }

  @Test
  void controlCharacters_cannotGoIntoAPlist() {
    ModuleContribution c = onMac(darwin(agents("org.x", job(3, "program", str("/bin/echo\u0001"))), null, null, null));
    assertEquals(1, c.problems().size(), c.problems().toString());
  }

  @Test
  void defaults_everyValueType_becomesADefaultsWrite() {
    ConfigTable dock = table(21, "autohide", bool(true), "tilesize", integer(48), "autohide-delay", real(0.25),
        "orientation", str("left"), "persistent-others", list(str("a"), str("b")), "opts", table(22, "k", str("v")));
    List<ManagedSetting> s = only(onMac(darwin(null, null, defaults("com.apple.dock", dock), null)), ManagedSetting.class);
    assertEquals(List.of("defaults:com.apple.dock:autohide", "defaults:com.apple.dock:tilesize",
        "defaults:com.apple.dock:autohide-delay", "defaults:com.apple.dock:orientation",
        "defaults:com.apple.dock:persistent-others", "defaults:com.apple.dock:opts"), s.stream().map(ManagedSetting::id).toList());
    assertEquals(List.of("-bool true", "-int 48", "-float 0.25", "-string left", "-array a b", "-dict k v"),
        s.stream().map(ManagedSetting::state).toList());
    assertEquals(List.of(List.of("/usr/bin/defaults", "write", "com.apple.dock", "autohide", "-bool", "true")), s.get(0).apply());
    assertEquals(List.of(List.of("/usr/bin/defaults", "write", "com.apple.dock", "persistent-others", "-array", "a", "b")),
        s.get(4).apply());
    assertEquals(List.of(List.of("/usr/bin/defaults", "delete", "com.apple.dock", "autohide")), s.get(0).revert());
    assertTrue(s.stream().allMatch(x -> x.scope() == ManagedSetting.Scope.USER && x.family().equals("darwin")));
  }

  @Test
  void defaults_underSlashLibrary_areSystemSettings() {
    List<ManagedSetting> s = only(onMac(darwin(null, null,
        defaults("/Library/Preferences/com.apple.alf", table(21, "globalstate", integer(1))), null)), ManagedSetting.class);
    assertEquals(ManagedSetting.Scope.SYSTEM, s.get(0).scope());
    assertEquals("defaults:/Library/Preferences/com.apple.alf:globalstate", s.get(0).id());
  }

  @Test
  void defaults_changedValue_keepsTheId() {
    ManagedSetting a = only(onMac(darwin(null, null, defaults("d", table(21, "k", bool(true))), null)),
        ManagedSetting.class).get(0);
    ManagedSetting b = only(onMac(darwin(null, null, defaults("d", table(21, "k", bool(false))), null)),
        ManagedSetting.class).get(0);
    assertEquals(a.id(), b.id());
    assertEquals("-bool false", b.state());
  }

  @Test
  void defaults_nestedTable_isAProblem_andNothingIsContributed() {
    ConfigValue nested = table(23, "deep", str("x"));
    ModuleContribution c = onMac(darwin(null, null, defaults("d", table(21, "k", table(22, "inner", nested))), null));
    assertTrue(c.entries().isEmpty());
    assertEquals(List.of(nested.location()), c.problems().stream().map(ConfigProblem::location).toList());
  }

  @Test
  void linux_withDarwinOptions_isOneProblem() {
    ModuleContribution c = module.contribute(context(Platform.X86_64_LINUX,
        darwin(agents("org.x", job(3, "program", str("/a"))), null, defaults("d", table(21, "k", bool(true))), null)));
    assertTrue(c.entries().isEmpty());
    assertEquals(1, c.problems().size(), c.problems().toString());
    ConfigProblem p = c.problems().get(0);
    assertEquals("darwin.* applies to macOS hosts (this host is x86_64-linux)", p.message());
    assertEquals("move it under [when.darwin]", p.hint());
    assertEquals(at(2), p.location());
  }

  @Test
  void linux_withOnlyLinkApplicationsSet_isStillAProblem() {
    ModuleContribution c = module.contribute(context(Platform.AARCH64_LINUX, darwin(null, null, null, bool(false))));
    assertEquals(1, c.problems().size());
  }

  @Test
  void linux_withNothingSet_contributesNothing() {
    Map<String, ConfigValue> home = Map.of("home.username", str("me"), "home.packages", list(str("firefox")));
    ModuleContribution c = module.contribute(context(Platform.X86_64_LINUX, Configs.nothingSet(), home));
    assertEquals(ModuleContribution.empty(), c);
  }

  @Test
  void applicationsLink_forAHomeProfileWithPackages() {
    Map<String, ConfigValue> home = Map.of("home.username", str("me"), "home.packages", list(str("firefox")));
    ModuleContribution c = module.contribute(context(MAC, Configs.nothingSet(), home));
    HomeFile link = only(c, HomeFile.class).get(0);
    assertEquals("Applications/statectl", link.target());
    assertEquals(new FileContent.SymbolicLink("../.statectl-profile/Applications"), link.content());
    assertEquals(1, c.entries().size());
  }

  @Test
  void applicationsLink_notWithoutAUser_withoutPackages_orWhenTurnedOff() {
    var packages = list(str("firefox"));
    assertTrue(module.contribute(context(MAC, Configs.nothingSet(), Map.of("home.packages", packages))).entries().isEmpty());
    assertTrue(module.contribute(context(MAC, Configs.nothingSet(), Map.of("home.username", str("me"),
        "home.packages", list()))).entries().isEmpty());
    assertTrue(module.contribute(context(MAC, darwin(null, null, null, bool(false)), Map.of("home.username", str("me"),
        "home.packages", packages))).entries().isEmpty());
  }

  @Test
  void nothingSet_onAMac_contributesNothing() {
    assertEquals(ModuleContribution.empty(), onMac(Configs.nothingSet()));
    assertInstanceOf(ConfigTable.class, Configs.nothingSet());
  }
}
