package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Portable {@code services.*} applied for macOS ({@code --platform aarch64-darwin} under a
 * {@code --root}): the plists the darwin adapter writes, read by libplist and plistlib; the
 * launchctl commands the switch plans, run against a recording launchctl mock (this machine has no
 * launchd: the mock keeps the set of loaded jobs and refuses what launchctl refuses, a bootstrap
 * of a loaded job or a bootout of one not loaded); and the services section of {@code diff}.
 */
class LaunchdServicesEndToEndTest {
  private static final String GEN1 = """
      home.username = "alice"

      [services.web]
      command = "/usr/bin/python3 -m http.server 8080"
      restart = "always"
      environment = { LANG = "C" }

      [services.conf]
      command = ["/bin/sleep", "100"]
      restartTriggers = ["v1"]
      after = ["web"]
      reload = "/bin/kill -HUP 1"

      [services.old]
      command = "/bin/sleep 4"
      user = "nobody"

      [services.notes]
      command = "/bin/sleep 5"
      scope = "user"
      """;
  private static final String GEN2 = GEN1.replace("8080", "8081").replace("\"v1\"", "\"v2\"")
      .replace("[services.old]\ncommand = \"/bin/sleep 4\"\nuser = \"nobody\"\n", "[services.new]\ncommand = \"/bin/sleep 6\"\n")
      .replace("command = \"/bin/sleep 5\"", "command = \"/bin/sleep 50\"");

  @TempDir Path tmp;
  Path config;
  Path home;
  Path root;
  Statectl statectl;
  Path launchctl;
  Path loaded;
  Path log;

  @BeforeEach
  void setUp() throws Exception {
    config = tmp.resolve("config");
    home = Files.createDirectories(tmp.resolve("home"));
    root = Files.createDirectories(tmp.resolve("mac-root"));
    statectl = new Statectl(tmp.resolve("state"));
    loaded = Files.createDirectories(tmp.resolve("launchd-loaded"));
    log = tmp.resolve("launchctl.log");
    launchctl = tmp.resolve("launchctl");
    // A recording launchctl mock: bootstrap DOMAIN PLIST and bootout DOMAIN/LABEL, as launchctl(1) has them.
    Files.writeString(launchctl, """
        #!/bin/sh
        echo "$*" >> '%s'
        state='%s'
        case "$1" in
          bootstrap)
            label=$(basename "$3" .plist)
            key=$(echo "$2/$label" | tr / _)
            plistutil -i "$3" -o "$state/.check" -f bin >/dev/null 2>&1 || { echo "Bootstrap failed: 5: Input/output error" >&2; exit 5; }
            grep -q "<string>$label</string>" "$3" || { echo "Label is not $label" >&2; exit 5; }
            [ -e "$state/$key" ] && { echo "Bootstrap failed: 5: Input/output error (loaded)" >&2; exit 5; }
            touch "$state/$key" ;;
          bootout)
            key=$(echo "$2" | tr / _)
            [ -e "$state/$key" ] || { echo "Boot-out failed: 3: No such process" >&2; exit 3; }
            rm "$state/$key" ;;
          *) echo "mock: unexpected $1" >&2; exit 64 ;;
        esac
        """.formatted(log, loaded));
    Files.setPosixFilePermissions(launchctl, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Statectl.Result apply(String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--config", config.toString(), "--host", "mac", "--home",
        home.toString(), "--root", root.toString(), "--platform", "aarch64-darwin"));
    args.addAll(List.of(more));
    return statectl.run(args.toArray(String[]::new));
  }

  /** Runs the plan's launchctl commands (its {@code $ } lines) with the mock for /bin/launchctl; returns the mock's log. */
  private List<String> runPlannedWithMock(String plan) throws Exception {
    Files.deleteIfExists(log);
    for (String line : plan.lines().map(String::strip).filter(l -> l.startsWith("$ ")).toList()) {
      assertTrue(line.contains("/bin/launchctl"), "only launchctl is planned for services: " + line);
      String command = line.substring(2).replace("/bin/launchctl", launchctl.toString());
      Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), line + " failed against the mock: " + out);
    }
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private Set<String> loadedJobs() throws Exception {
    try (Stream<Path> s = Files.list(loaded)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
    }
  }

  @Test
  void darwinSwitch_bootstrapsNew_bootsOutGone_rebootstrapsChanged_WithRecordingLaunchctlMock() throws Exception {
    RequiredTool.require("plistutil", "libplist-utils");
    String uid = String.valueOf(Files.getAttribute(Files.createTempFile(tmp, "uid", ""), "unix:uid"));
    Trees.write(config.resolve("hosts/mac.toml"), GEN1);
    // activation runs the commands after the files are in place: plan, apply (files only here), then run the plan
    String plan1 = apply("--dry-run").ok().out();
    apply().ok();
    List<String> first = runPlannedWithMock(plan1);
    assertEquals(Set.of("system_org.statectl.web", "system_org.statectl.conf", "system_org.statectl.old",
        "gui_" + uid + "_org.statectl.notes"), loadedJobs(), "calls: " + first);

    Path daemon = root.resolve("Library/LaunchDaemons/org.statectl.web.plist");
    Map<String, Object> web = Plists.parse(daemon);
    assertEquals(List.of("/usr/bin/python3", "-m", "http.server", "8080"), web.get("ProgramArguments"));
    assertEquals(true, web.get("KeepAlive"));
    assertEquals(true, web.get("RunAtLoad"));
    assertEquals(Map.of("LANG", "C"), web.get("EnvironmentVariables"));
    assertEquals(Map.of("SuccessfulExit", false), Plists.parse(root.resolve("Library/LaunchDaemons/org.statectl.conf.plist"))
        .get("KeepAlive"), "restart defaults to on-failure");
    assertEquals("nobody", Plists.parse(root.resolve("Library/LaunchDaemons/org.statectl.old.plist")).get("UserName"));
    String conf = Files.readString(root.resolve("Library/LaunchDaemons/org.statectl.conf.plist"));
    assertTrue(conf.contains("statectl: services.\"conf\".after = [web] is not expressed"), conf);
    assertTrue(conf.contains("statectl: services.\"conf\".reload is not expressed"), conf);
    assertEquals("org.statectl.notes", Plists.parse(home.resolve("Library/LaunchAgents/org.statectl.notes.plist")).get("Label"));
    assertFalse(Files.exists(root.resolve("etc/systemd")), "no systemd unit on macOS");

    Trees.write(config.resolve("hosts/mac.toml"), GEN2);
    String plan2 = apply("--dry-run").ok().out();
    apply().ok();
    List<String> second = runPlannedWithMock(plan2);
    assertEquals(Set.of("system_org.statectl.web", "system_org.statectl.conf", "system_org.statectl.new",
        "gui_" + uid + "_org.statectl.notes"), loadedJobs(), "calls: " + second);
    String daemons = root + "/Library/LaunchDaemons/";
    // the gone job first (reverts before applies), then each changed or new one out (if loaded) and in again
    assertEquals(List.of("bootout system/org.statectl.old"), second.subList(0, 1), second.toString());
    for (String label : List.of("web", "conf")) {
      int out = second.indexOf("bootout system/org.statectl." + label);
      int in = second.indexOf("bootstrap system " + daemons + "org.statectl." + label + ".plist");
      assertTrue(out > 0 && in > out, label + " is booted out, then bootstrapped with its new plist: " + second);
    }
    assertTrue(second.contains("bootstrap system " + daemons + "org.statectl.new.plist"), second.toString());
    assertTrue(second.contains("bootstrap gui/" + uid + " " + home + "/Library/LaunchAgents/org.statectl.notes.plist"),
        second.toString());
    assertEquals(9, second.size(), "nothing else (old: 1; web, conf, new, notes: 2 each): " + second);

    List<String> noop = runPlannedWithMock(apply("--dry-run").ok().out());
    assertEquals(List.of(), noop, "a no-op apply touches no job");

    String diff = statectl.run("diff", "1", "2").ok().out();
    assertTrue(diff.contains("  ~ org.statectl.web: restart\n"), diff);
    assertTrue(diff.contains("  ~ org.statectl.conf: restart\n"), "a restart trigger outside the plist: " + diff);
    assertTrue(diff.contains("  - org.statectl.old: stop\n"), diff);
    assertTrue(diff.contains("  + org.statectl.new: start\n"), diff);
    String services = diff.substring(diff.indexOf("\nservices:\n"));
    assertTrue(services.lines().anyMatch(l -> l.strip().startsWith("-") && l.contains("<string>8080</string>"))
        && services.lines().anyMatch(l -> l.strip().startsWith("+") && l.contains("<string>8081</string>")),
        "the plist diff: " + diff);
    String user = statectl.run("diff", "1", "2", "--profile", "home-alice").ok().out();
    assertTrue(user.contains("  ~ org.statectl.notes (user): restart\n"), user);
    Map<String, String> onSwitch = new java.util.TreeMap<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(statectl.run("diff", "1", "2", "--json").ok().out())
        .get("services").forEach(s -> onSwitch.put(s.get("unit").asText(), s.get("onSwitch").asText()));
    assertEquals(Map.of("org.statectl.web", "restart", "org.statectl.conf", "restart", "org.statectl.old", "stop",
        "org.statectl.new", "start"), onSwitch);
    String show = statectl.run("show-generation", "2").ok().out();
    assertTrue(show.contains("    - org.statectl.old: stop\n"), show);
  }

  @Test
  void badPortableServicesOnMac_areLocatedErrors_andNothingIsWritten() throws Exception {
    Trees.write(config.resolve("hosts/mac.toml"), """
        [services."my_web"]
        command = "/bin/true"

        [services.agent]
        command = "/bin/true"
        scope = "user"
        """);
    Statectl.Result r = apply();
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains("hosts/mac.toml:1:1: services.\"my_web\": \"my_web\" cannot be part of a launchd label"),
        r.err());
    assertTrue(r.err().contains("hosts/mac.toml:6:") && r.err().contains("services.\"agent\".scope = \"user\" belongs to a home profile"), r.err());
    assertTrue(r.err().contains("hint: "), r.err());
    assertFalse(Files.exists(root.resolve("Library")), "nothing written");
  }
}
