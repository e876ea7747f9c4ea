package io.statectl.plugins.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.RootFile;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContribution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesModuleTest {
  @TempDir
  Path dir;

  @Test
  void portableService_rendersAUnitThatSystemdAcceptsSilently() throws Exception {
    ModuleContribution c = Configs.linux(new ServicesModule(), """
        [services.web]
        description = "the web server"
        command = "/bin/sleep 'infinity'"
        environment = { GREETING = "hello world", PCT = "100%" }
        workingDirectory = "/tmp"
        user = "daemon"
        restart = "always"
        reload = "/bin/sh -c 'kill -HUP $MAINPID'"
        reloadTriggers = ["v1"]
        after = ["network.target"]
        """);
    assertEquals(List.of(), c.problems());
    String unit = Configs.text(c, "etc/systemd/system/web.service");
    assertEquals("""
        [Unit]
        Description=the web server
        After=network.target
        X-Reload-Triggers=%s

        [Service]
        Type=exec
        ExecStart=/bin/sleep infinity
        ExecReload=/bin/sh -c "kill -HUP $$MAINPID"
        Restart=always
        User=daemon
        WorkingDirectory=/tmp
        Environment="GREETING=hello world"
        Environment="PCT=100%%%%"

        [Install]
        WantedBy=multi-user.target
        """.formatted(unit.lines().filter(l -> l.startsWith("X-Reload-Triggers=")).findFirst().orElseThrow()
        .substring("X-Reload-Triggers=".length())), unit);
    RootFile wants = (RootFile) c.entries().stream().filter(e -> e instanceof RootFile f
        && f.target().equals("etc/systemd/system/multi-user.target.wants/web.service")).findFirst().orElseThrow();
    assertEquals(new FileContent.SymbolicLink("../web.service"), wants.content());
    SystemdAnalyze.verifyClean(dir, Map.of("web.service", unit));
  }

  @Test
  void commandString_isSplitLikeAShellWithoutExpansion() {
    assertEquals(List.of("/bin/echo", "a b", "$HOME", "*", "it's", "x\"y"),
        io.statectl.api.module.CommandOption.split("/bin/echo 'a b' $HOME * \"it's\" x\\\"y").orElseThrow());
    assertTrue(io.statectl.api.module.CommandOption.split("/bin/echo 'open").isEmpty());
    assertEquals("/bin/echo \"a b\" \"$$HOME\" \"100%%\"", CommandLines.systemd(List.of("/bin/echo", "a b", "$HOME", "100%")));
  }

  @Test
  void disabledService_isNotRendered_andOnMacNothingIsRenderedHere() {
    assertEquals(List.of(), Configs.linux(new ServicesModule(), """
        [services.off]
        command = ["/bin/true"]
        enable = false
        """).entries());
    assertEquals(List.of(), Configs.contribute(new ServicesModule(), """
        [services.web]
        command = ["/bin/true"]
        """, Platform.AARCH64_DARWIN, Map.of()).entries());
  }

  @Test
  void serviceNamedWithASlash_isALocatedError() {
    ModuleContribution c = Configs.linux(new ServicesModule(), """
        [services."../x"]
        command = ["/bin/true"]
        """);
    assertEquals(List.of(), c.entries());
    ConfigProblem p = c.problems().get(0);
    assertTrue(p.message().contains("\"../x\" is not a systemd unit name"), p.toString());
    assertEquals(1, p.location().line(), p.toString());
  }

  @Test
  void unclosedQuoteAndEmptyCommand_areLocatedErrors() {
    ModuleContribution c = Configs.linux(new ServicesModule(), """
        [services.a]
        command = "/bin/echo 'x"
        [services.b]
        command = []
        """);
    assertEquals(2, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().get(0).message().contains("quote is not closed"));
    assertEquals(2, c.problems().get(0).location().line());
    assertTrue(c.problems().get(1).message().contains("names no program"));
  }

  @Test
  void userScope_rendersAUserUnitWantedByDefaultTarget_inTheHome() throws Exception {
    ModuleContribution c = Configs.contribute(new ServicesModule(), """
        [services.notes]
        command = "/bin/sleep infinity"
        scope = "user"
        """, Platform.X86_64_LINUX, Map.of("home.username", new io.statectl.api.config.ConfigString("alice",
        io.statectl.api.option.Defaults.LOCATION)));
    assertEquals(List.of(), c.problems());
    io.statectl.api.activation.HomeFile unit = c.entries().stream().filter(io.statectl.api.activation.HomeFile.class::isInstance)
        .map(io.statectl.api.activation.HomeFile.class::cast).filter(f -> f.target().equals(".config/systemd/user/notes.service"))
        .findFirst().orElseThrow(() -> new AssertionError(c.entries().toString()));
    String text = ((FileContent.Text) unit.content()).text();
    assertTrue(text.contains("WantedBy=default.target"), text);
    assertTrue(c.entries().stream().anyMatch(e -> e instanceof io.statectl.api.activation.HomeFile f
        && f.target().equals(".config/systemd/user/default.target.wants/notes.service")), c.entries().toString());
    assertTrue(c.entries().stream().noneMatch(RootFile.class::isInstance), "nothing of it in the system profile");
    SystemdAnalyze.verifyClean(dir, Map.of("notes.service", text));
  }

  @Test
  void userScope_withoutAHomeProfile_orWithAUser_isALocatedError() {
    ModuleContribution noHome = Configs.linux(new ServicesModule(), """
        [services.notes]
        command = "/bin/true"
        scope = "user"
        """);
    assertEquals(List.of(), noHome.entries());
    assertTrue(noHome.problems().get(0).message().contains("services.notes.scope = \"user\" belongs to a home profile"),
        noHome.problems().toString());
    assertEquals(3, noHome.problems().get(0).location().line());
    ModuleContribution withUser = Configs.contribute(new ServicesModule(), """
        [services.notes]
        command = "/bin/true"
        scope = "user"
        user = "root"
        """, Platform.X86_64_LINUX, Map.of("home.username", new io.statectl.api.config.ConfigString("alice",
        io.statectl.api.option.Defaults.LOCATION)));
    assertEquals(List.of(), withUser.entries());
    assertTrue(withUser.problems().get(0).message().contains("services.notes.user cannot be set on a user service"),
        withUser.problems().toString());
    assertEquals(4, withUser.problems().get(0).location().line());
  }
}
