package io.statectl.e2e.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * {@code systemd.user.services} of a home profile against a real {@code systemd --user}: root's
 * user manager ({@code user@0.service}, as a lingering user has one) inside the booted container.
 * statectl runs without {@code XDG_RUNTIME_DIR}, as under {@code sudo} or cron, and must find the
 * manager itself. Each step is checked against the user manager (ActiveState, MainPID).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserServicesEndToEndTest {
  private static final String STATE = "/var/lib/statectl";
  private static final String KEEP = """
      home.username = "root"

      [systemd.user.services.keep]
      serviceConfig = { ExecStart = "/bin/sleep infinity" }
      """;
  private static final String NOTES = """

      [systemd.user.services.notes]
      description = "notes"
      serviceConfig = { ExecStart = "%s" }
      """;
  private static final String BAD = """

      [systemd.user.services.bad]
      serviceConfig = { ExecStart = "/bin/sh -c 'echo bad is starting; exit 1'" }
      """;

  private BootedContainer box;
  private final Map<String, Long> pids = new HashMap<>();

  @BeforeAll
  void boot(@TempDir Path work) throws Exception {
    Path app = Path.of(System.getProperty("statectl.app", "shell/target/app"));
    box = BootedContainer.boot("usr", work, app);
    // pam_systemd (libpam-systemd) is not in the minimal rootfs; it is what sets XDG_RUNTIME_DIR for
    // the user manager on a full system
    box.exec("sh", "-c", "mkdir -p /run/systemd/system/user@.service.d && printf '[Service]\\n"
        + "Environment=XDG_RUNTIME_DIR=/run/user/%%i\\n' > /run/systemd/system/user@.service.d/runtime-dir.conf"
        + " && systemctl daemon-reload && systemctl start user@0.service").ok();
    assertEquals("running", user("is-system-running").out().strip());
  }

  @AfterAll
  void powerOff() {
    if (box != null) {
      box.close();
    }
  }

  private BootedContainer.Ran user(String... args) {
    java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("env", "XDG_RUNTIME_DIR=/run/user/0",
        "systemctl", "--user"));
    argv.addAll(java.util.List.of(args));
    return box.exec(argv.toArray(String[]::new));
  }

  private String activeState(String unit) {
    return user("show", "-p", "ActiveState", "--value", unit).out().strip();
  }

  private long mainPid(String unit) {
    return Long.parseLong(user("show", "-p", "MainPID", "--value", unit).out().strip());
  }

  private BootedContainer.Ran apply(String config) throws Exception {
    Path hosts = Files.createDirectories(box.shared().resolve("cfg/hosts"));
    Files.writeString(hosts.resolve("box.toml"), config);
    return box.statectl("apply", "--config", "/shared/cfg", "--host", "box", "--state-dir", STATE);
  }

  @Test
  @Order(1)
  void aUserService_isLinkedUnderConfigSystemdUser_andStarted() throws Exception {
    BootedContainer.Ran r = apply(KEEP + NOTES.formatted("/bin/sleep infinity")).ok();
    assertTrue(r.err().contains("started: keep.service (user), notes.service (user)"), r.err());
    assertEquals("active", activeState("notes.service"));
    assertEquals("active", activeState("keep.service"));
    assertEquals(0, box.exec("test", "-L", "/root/.config/systemd/user/notes.service").exitCode());
    assertEquals(0, box.exec("test", "-L", "/root/.config/systemd/user/default.target.wants/notes.service")
        .exitCode());
    assertEquals("enabled", user("is-enabled", "notes.service").out().strip());
    pids.put("notes", mainPid("notes.service"));
    pids.put("keep", mainPid("keep.service"));
  }

  @Test
  @Order(2)
  void aChangedUserService_isRestarted_andTheOtherLeftAlone() throws Exception {
    BootedContainer.Ran r = apply(KEEP + NOTES.formatted("/bin/sleep 1000000")).ok();
    assertTrue(r.err().contains("restarted: notes.service (user)"), r.err());
    assertFalse(r.err().contains("keep.service"), r.err());
    assertEquals("active", activeState("notes.service"));
    assertNotEquals(pids.get("notes"), mainPid("notes.service"), "notes was restarted");
    assertEquals(pids.get("keep"), mainPid("keep.service"), "keep was not touched");
    assertTrue(user("show", "-p", "ExecStart", "--value", "notes.service").out().contains("1000000"));
  }

  @Test
  @Order(3)
  void aRemovedUserService_isStopped_andItsUnitGone() throws Exception {
    BootedContainer.Ran r = apply(KEEP).ok();
    assertTrue(r.err().contains("stopped: notes.service (user)"), r.err());
    assertEquals("inactive", activeState("notes.service"));
    assertEquals("not-found", user("show", "-p", "LoadState", "--value", "notes.service").out().strip());
    assertNotEquals(0, box.exec("test", "-e", "/root/.config/systemd/user/notes.service").exitCode());
    assertEquals(pids.get("keep"), mainPid("keep.service"), "keep was not touched");
  }

  @Test
  @Order(4)
  void aFailingUserService_isNamedWithItsJournal_andTheExitIsNonZero() throws Exception {
    BootedContainer.Ran r = apply(KEEP + BAD);
    assertEquals(15, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("STC-E140") && r.err().contains("(user) bad.service"), r.err());
    assertTrue(r.err().contains("    | "), "its journal lines are shown: " + r.err());
    assertEquals("failed", activeState("bad.service"));
  }
}
