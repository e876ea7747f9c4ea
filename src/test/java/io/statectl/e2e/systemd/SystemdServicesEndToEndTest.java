package io.statectl.e2e.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * statectl inside a booted systemd (Debian bookworm in systemd-nspawn), as on a real machine:
 * one container for the class, generations applied one after the other, each step checked
 * against systemd itself (ActiveState, MainPID, the journal, the unit files it loaded).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemdServicesEndToEndTest {
  private static final String STATE = "/var/lib/statectl";
  private static final String RELOADABLE = """
      command = ["/bin/sh", "-c", "trap 'echo got HUP' HUP; echo conf up; while :; do sleep 1 & wait $!; done"]
      reload = "/bin/sh -c 'kill -HUP $MAINPID'"
      """;
  private static final String GEN1 = """
      [services.web]
      description = "web"
      command = ["/bin/sleep", "infinity"]

      [services.conf]
      %s
      reloadTriggers = ["v1"]

      [services.old]
      command = "/bin/sleep infinity"

      [environment.etc."app/app.conf"]
      text = "version = 1\\n"
      """.formatted(RELOADABLE);
  private static final String GEN2 = """
      [services.web]
      description = "web"
      command = ["/bin/sleep", "1000000"]

      [services.conf]
      %s
      reloadTriggers = ["v2"]

      [systemd.services.tick]
      serviceConfig = { Type = "oneshot", ExecStart = "/bin/sh -c 'date +%%%%s.%%%%N >> /var/tmp/ticks'" }
      wantedBy = []

      [systemd.timers.tick]
      timerConfig = { OnActiveSec = "1s", OnUnitActiveSec = "1s", AccuracySec = "100ms" }

      [environment.etc."app/app.conf"]
      text = "version = 2\\n"
      """.formatted(RELOADABLE);
  private static final String BAD = """

      [services.bad]
      command = ["/bin/sh", "-c", "echo bad is starting; exit 1"]
      restart = "no"
      """;

  private BootedContainer box;

  @BeforeAll
  void boot(@TempDir Path work) throws Exception {
    Path app = Path.of(System.getProperty("statectl.app", "shell/target/app"));
    box = BootedContainer.boot("svc", work, app);
  }

  @AfterAll
  void powerOff() {
    if (box != null) {
      box.close();
    }
  }

  private BootedContainer.Ran apply(String config, String... extra) throws Exception {
    Path hosts = Files.createDirectories(box.shared().resolve("cfg/hosts"));
    Files.writeString(hosts.resolve("box.toml"), config);
    String[] base = {"apply", "--config", "/shared/cfg", "--host", "box", "--state-dir", STATE};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return box.statectl(all);
  }

  private String journal(String unit) {
    return box.exec("journalctl", "--no-pager", "-q", "-o", "cat", "-u", unit).out();
  }

  private static final Map<String, Long> PIDS = new java.util.HashMap<>();

  @Test
  @Order(1)
  void generation1_startsThreeServices_andPlacesTheEtcFile() throws Exception {
    BootedContainer.Ran r = apply(GEN1).ok();
    assertTrue(r.err().contains("started: conf.service, old.service, web.service"), r.err());
    for (String u : new String[] {"web.service", "conf.service", "old.service"}) {
      assertEquals("active", box.activeState(u), u);
      PIDS.put(u, box.mainPid(u));
    }
    assertEquals("version = 1\n", box.exec("cat", "/etc/app/app.conf").ok().out());
    assertTrue(box.exec("systemctl", "is-enabled", "web.service").out().strip().equals("enabled"));
  }

  @Test
  @Order(2)
  void generation2_restartsTheChanged_reloadsTheReloadable_stopsTheGone_startsTheTimer() throws Exception {
    BootedContainer.Ran r = apply(GEN2).ok();
    assertTrue(r.err().contains("stopped: old.service"), r.err());
    assertTrue(r.err().contains("started: tick.timer"), r.err());
    assertTrue(r.err().contains("restarted: web.service"), r.err());
    assertTrue(r.err().contains("reloaded: conf.service"), r.err());
    assertNotEquals(PIDS.get("web.service"), box.mainPid("web.service"), "web was restarted");
    assertEquals(PIDS.get("conf.service"), box.mainPid("conf.service"), "conf was only reloaded");
    assertTrue(poll(() -> journal("conf.service").contains("got HUP")), journal("conf.service"));
    assertEquals("inactive", box.activeState("old.service"));
    assertEquals("not-found", box.exec("systemctl", "show", "-p", "LoadState", "--value", "old.service").out().strip());
    assertEquals("active", box.activeState("tick.timer"));
    assertTrue(poll(() -> box.exec("test", "-s", "/var/tmp/ticks").exitCode() == 0), "the timer fired");
    assertEquals("version = 2\n", box.exec("cat", "/etc/app/app.conf").ok().out());
    PIDS.put("web.service", box.mainPid("web.service"));
  }

  @Test
  @Order(3)
  void generation3_withAFailingService_rollsBackToGeneration2_withRollbackOnFailure() throws Exception {
    BootedContainer.Ran r = apply(GEN2 + BAD, "--rollback-on-failure");
    assertEquals(15, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("STC-E140"), r.err());
    assertTrue(r.err().contains("bad.service"), r.err());
    assertTrue(r.err().contains("bad is starting"), "journal lines shown: " + r.err());
    assertTrue(r.err().contains("rolled back to generation 2"), r.err());
    String gens = box.statectl("generations", "--state-dir", STATE).ok().out();
    assertTrue(gens.lines().anyMatch(l -> l.contains("2") && l.contains("*")), gens);
    for (String u : new String[] {"web.service", "conf.service", "tick.timer"}) {
      assertEquals("active", box.activeState(u), u);
    }
    assertEquals(PIDS.get("web.service"), box.mainPid("web.service"), "web was not touched by 3 and back");
    assertEquals("not-found", box.exec("systemctl", "show", "-p", "LoadState", "--value", "bad.service").out().strip());
    String history = box.statectl("history", "--type", "ActivationFailed", "--state-dir", STATE).ok().out();
    assertTrue(history.contains("bad.service") && history.contains("rolled back to 2"), history);
  }

  @Test
  @Order(4)
  void generationWithAFailingService_staysActive_andExitsNonZero_withoutTheFlag() throws Exception {
    BootedContainer.Ran r = apply(GEN2 + BAD);
    assertEquals(15, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("bad.service") && r.err().contains("is active"), r.err());
    assertEquals("failed", box.activeState("bad.service"));
    box.statectl("switch", "--generation", "2", "--state-dir", STATE).ok();
    assertEquals("not-found", box.exec("systemctl", "show", "-p", "LoadState", "--value", "bad.service").out().strip());
  }

  @Test
  @Order(5)
  void rollbackFrom2To1_restoresUnitsAndEtc() throws Exception {
    BootedContainer.Ran r = box.statectl("switch", "--generation", "1", "--state-dir", STATE).ok();
    assertTrue(r.err().contains("stopped: tick.timer"), r.err());
    assertTrue(r.err().contains("started: old.service"), r.err());
    assertEquals("active", box.activeState("old.service"));
    assertEquals("inactive", box.activeState("tick.timer"));
    assertEquals("/bin/sleep infinity", box.exec("systemctl", "show", "-p", "ExecStart", "--value", "web.service").out()
        .replaceAll(".*argv\\[\\]=([^;]*);.*", "$1").strip());
    assertEquals("version = 1\n", box.exec("cat", "/etc/app/app.conf").ok().out());
    assertFalse(box.exec("test", "-e", "/etc/systemd/system/tick.timer").exitCode() == 0);
  }

  @Test
  @Order(6)
  void noOpApply_touchesNoUnit() throws Exception {
    Map<String, Long> before = new java.util.HashMap<>();
    for (String u : new String[] {"web.service", "conf.service", "old.service"}) {
      before.put(u, box.mainPid(u));
    }
    BootedContainer.Ran r = apply(GEN1).ok();
    assertTrue(r.out().contains("no changes"), r.out());
    assertFalse(r.err().contains("started") || r.err().contains("stopped"), r.err());
    for (Map.Entry<String, Long> e : before.entrySet()) {
      assertEquals(e.getValue(), box.mainPid(e.getKey()), e.getKey());
    }
  }

  private static boolean poll(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }
}
