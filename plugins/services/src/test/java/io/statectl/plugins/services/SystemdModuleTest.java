package io.statectl.plugins.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.config.ConfigString;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContribution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdModuleTest {
  @TempDir
  Path dir;

  @Test
  void fullForm_rendersEveryUnitType_andSystemdAcceptsThemSilently() throws Exception {
    ModuleContribution c = Configs.linux(new SystemdModule(), """
        [systemd.services.worker]
        description = "a worker"
        after = ["network.target"]
        requires = ["network.target"]
        environment = { MODE = "fast" }
        reloadIfChanged = true
        stopIfChanged = false
        restartTriggers = ["/etc/worker.conf contents"]
        serviceConfig = { ExecStart = "/bin/sleep infinity", Restart = "always", RestartSec = 2, RemainAfterExit = false, ExecStartPre = ["/bin/true", "/bin/true"] }
        unitConfig = { StartLimitBurst = 3 }

        [systemd.services.tick]
        serviceConfig = { Type = "oneshot", ExecStart = "/bin/true" }
        wantedBy = []

        [systemd.timers.tick]
        timerConfig = { OnActiveSec = "1s", OnUnitActiveSec = "1s", AccuracySec = "100ms" }

        [systemd.sockets.echo]
        socketConfig = { ListenStream = "127.0.0.1:7777", Accept = false }

        [systemd.services.echo]
        serviceConfig = { ExecStart = "/bin/cat" }
        wantedBy = []

        [systemd.paths.watch]
        pathConfig = { PathChanged = "/etc/hostname", Unit = "tick.service" }
        """);
    assertEquals(List.of(), c.problems());
    String worker = Configs.text(c, "etc/systemd/system/worker.service");
    assertTrue(worker.contains("X-ReloadIfChanged=true\nX-StopIfChanged=false\nX-Restart-Triggers="), worker);
    assertTrue(worker.contains("ExecStartPre=/bin/true\nExecStartPre=/bin/true\n"), worker);
    assertTrue(worker.contains("RestartSec=2\nRemainAfterExit=no\n"), worker);
    assertTrue(worker.contains("Environment=\"MODE=fast\""), worker);
    assertEquals(List.of("/etc/systemd/system/worker.service", "/etc/systemd/system/multi-user.target.wants/worker.service",
        "/etc/systemd/system/tick.service", "/etc/systemd/system/echo.service", "/etc/systemd/system/tick.timer",
        "/etc/systemd/system/timers.target.wants/tick.timer", "/etc/systemd/system/echo.socket",
        "/etc/systemd/system/sockets.target.wants/echo.socket", "/etc/systemd/system/watch.path",
        "/etc/systemd/system/paths.target.wants/watch.path"), Configs.targets(c));
    SystemdAnalyze.verifyClean(dir, Map.of("worker.service", worker, "tick.service", Configs.text(c, "etc/systemd/system/tick.service"),
        "tick.timer", Configs.text(c, "etc/systemd/system/tick.timer"),
        "echo.socket", Configs.text(c, "etc/systemd/system/echo.socket"),
        "echo.service", Configs.text(c, "etc/systemd/system/echo.service"),
        "watch.path", Configs.text(c, "etc/systemd/system/watch.path")));
  }

  @Test
  void unknownServiceConfigKey_isALocatedErrorWithASuggestion() {
    ModuleContribution c = Configs.linux(new SystemdModule(), """
        [systemd.services.web]
        serviceConfig = { ExecStart = "/bin/true", Restrat = "always" }
        """);
    assertEquals(List.of(), c.entries());
    ConfigProblem p = c.problems().get(0);
    assertEquals("systemd.services.web.serviceConfig.Restrat: [Service] has no key Restrat", p.message());
    assertEquals("did you mean Restart?", p.hint());
    assertEquals(2, p.location().line());
  }

  @Test
  void serviceWithoutExecStart_andBadWantedBy_areErrors() {
    ModuleContribution c = Configs.linux(new SystemdModule(), """
        [systemd.services.web]
        serviceConfig = { Type = "simple" }
        wantedBy = ["multi-user"]
        """);
    assertEquals(2, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().get(0).message().contains("has no serviceConfig.ExecStart"));
    assertTrue(c.problems().get(1).message().contains("\"multi-user\" is not a unit name"));
  }

  @Test
  void userService_goesUnderTheHome_butIsRefusedWithoutAHomeProfile() throws Exception {
    String toml = """
        [systemd.user.services.notes]
        serviceConfig = { ExecStart = "/bin/sleep infinity" }
        """;
    ModuleContribution home = Configs.contribute(new SystemdModule(), toml, Platform.X86_64_LINUX,
        Map.of("home.username", new ConfigString("alice", io.statectl.api.option.Defaults.LOCATION)));
    assertEquals(List.of(), home.problems());
    assertEquals(List.of("~/.config/systemd/user/notes.service", "~/.config/systemd/user/default.target.wants/notes.service"),
        Configs.targets(home));
    SystemdAnalyze.verifyClean(dir, Map.of("notes.service", Configs.text(home, ".config/systemd/user/notes.service")));

    ModuleContribution system = Configs.linux(new SystemdModule(), toml);
    assertEquals(List.of(), system.entries());
    assertTrue(system.problems().get(0).message().startsWith("systemd.user.services belongs to a home profile"),
        system.problems().toString());
    assertEquals(1, system.problems().get(0).location().line());
  }

  @Test
  void onMac_systemdIsOneProblem() {
    ModuleContribution c = Configs.contribute(new SystemdModule(), """
        [systemd.services.web]
        serviceConfig = { ExecStart = "/bin/true" }
        """, Platform.AARCH64_DARWIN, Map.of());
    assertEquals(1, c.problems().size());
    assertTrue(c.problems().get(0).hint().contains("[when.linux]"));
  }
}
