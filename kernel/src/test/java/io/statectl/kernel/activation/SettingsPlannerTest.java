package io.statectl.kernel.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsPlannerTest {
  @TempDir Path tmp;

  private static ManifestEntry defaults(String key, String state) {
    return new ManifestEntry(ManifestEntry.SETTING, "defaults:com.apple.dock:" + key, "", "user", "darwin", state,
        List.of(List.of("/usr/bin/defaults", "write", "com.apple.dock", key, state.split(" ")[0], state.split(" ")[1])),
        List.of(List.of("/usr/bin/defaults", "delete", "com.apple.dock", key)));
  }

  private static ActivationManifest manifest(ManifestEntry... entries) {
    return new ActivationManifest(1, "home-alice", "macbook", List.of(entries));
  }

  private ActivationTargets notLive() {
    return new ActivationTargets(tmp.resolve("home"), tmp.resolve("root"), false, "--root is not /", "501", List.of());
  }

  private static List<PlanStep.RunCommands> settings(ActivationPlan plan) {
    return plan.steps().stream().filter(s -> s instanceof PlanStep.RunCommands).map(s -> (PlanStep.RunCommands) s)
        .toList();
  }

  @Test
  void newKeysAreWrittenRemovedKeysDeletedChangedKeysRewrittenAndUnchangedLeftAlone() {
    ActivationManifest before = manifest(defaults("autohide", "-bool true"), defaults("tilesize", "-int 48"),
        defaults("orientation", "-string left"));
    ActivationManifest after = manifest(defaults("autohide", "-bool true"), defaults("tilesize", "-int 36"),
        defaults("magnification", "-bool true"));
    List<PlanStep.RunCommands> steps = settings(new ActivationPlanner().plan(notLive(), tmp.resolve("profiles/home-alice"),
        2, tmp, Optional.of(before), after, BackupPolicy.REFUSE));
    assertEquals(3, steps.size(), steps.toString());
    assertEquals("defaults:com.apple.dock:orientation", steps.get(0).id());
    assertEquals(List.of(List.of("/usr/bin/defaults", "delete", "com.apple.dock", "orientation")), steps.get(0).commands());
    assertTrue(steps.get(0).action().startsWith("revert"));
    assertEquals(List.of("defaults:com.apple.dock:magnification", "defaults:com.apple.dock:tilesize"),
        steps.subList(1, 3).stream().map(PlanStep.RunCommands::id).toList());
    assertEquals(List.of("/usr/bin/defaults", "write", "com.apple.dock", "tilesize", "-int", "36"),
        steps.get(2).commands().get(0));
    assertFalse(steps.get(0).run(), "never run when the root is not the live one");
    assertTrue(steps.get(0).describe().contains("not run: --root is not /"), steps.get(0).describe());
  }

  @Test
  void placeholdersAreReplacedAndCommandsForAnotherFamilyAreNotRun() {
    ManifestEntry agent = new ManifestEntry(ManifestEntry.SETTING, "launchd:agent:org.example.sync", "", "user",
        "darwin", "abc", List.of(List.of("/bin/launchctl", "bootstrap", "gui/@uid@",
            "@home@/Library/LaunchAgents/org.example.sync.plist")), List.of());
    ActivationTargets live = new ActivationTargets(tmp.resolve("home"), Path.of("/"), true, "", "501", List.of());
    List<PlanStep.RunCommands> steps = settings(new ActivationPlanner().plan(live, tmp.resolve("profiles/home-alice"), 1,
        tmp, Optional.empty(), manifest(agent), BackupPolicy.REFUSE));
    assertEquals(List.of("/bin/launchctl", "bootstrap", "gui/501", tmp.resolve("home") + "/Library/LaunchAgents/org.example.sync.plist"),
        steps.get(0).commands().get(0));
    assertEquals(!io.statectl.api.Platform.current().isDarwin(), !steps.get(0).run());
  }

  @Test
  void commandsRunOnlyOnTheirFamilyAndAFailureNamesTheCommand() throws Exception {
    Path marker = tmp.resolve("ran");
    String family = Commands.familyOfThisMachine();
    ManifestEntry touch = new ManifestEntry(ManifestEntry.SETTING, "test:touch", "", "user", family, "1",
        List.of(List.of("/bin/sh", "-c", "echo @uid@ > " + marker)), List.of(List.of("/bin/rm", marker.toString())));
    ActivationTargets live = new ActivationTargets(tmp.resolve("home"), Path.of("/"), true, "", "4242", List.of());
    Path link = tmp.resolve("profiles/home-alice");
    ActivationPlan plan = new ActivationPlanner().plan(live, link, 1, tmp, Optional.empty(), manifest(touch),
        BackupPolicy.REFUSE);
    new Activator().execute(plan, live, p -> { });
    assertEquals("4242\n", Files.readString(marker));
    ActivationPlan removal = new ActivationPlanner().plan(live, link, 2, tmp, Optional.of(manifest(touch)),
        manifest(), BackupPolicy.REFUSE);
    new Activator().execute(removal, live, p -> { });
    assertFalse(Files.exists(marker), "the recorded revert ran");
    ManifestEntry failing = new ManifestEntry(ManifestEntry.SETTING, "test:fail", "", "user", family, "1",
        List.of(List.of("/bin/sh", "-c", "echo boom >&2; exit 3")), List.of());
    ActivationPlan bad = new ActivationPlanner().plan(live, link, 3, tmp, Optional.empty(), manifest(failing),
        BackupPolicy.REFUSE);
    ActivationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(ActivationFailedException.class,
        () -> new Activator().execute(bad, live, p -> { }));
    assertTrue(String.valueOf(e.getMessage()).contains("test:fail") || String.valueOf(e.getCause()).contains("exited with 3"),
        e.getMessage() + " / " + e.getCause());
  }

  @Test
  void rootFilesLandUnderTheRootAndDirectoriesGetTheirMode() throws Exception {
    ActivationTargets t = new ActivationTargets(tmp.resolve("home"), tmp.resolve("root"), false, "not live", "0", List.of());
    ActivationManifest m = manifest(
        new ManifestEntry(ManifestEntry.ROOT_FILE, "Library/LaunchDaemons/x.plist", "root-files/Library/LaunchDaemons/x.plist", "regular"),
        new ManifestEntry(ManifestEntry.HOME_DIRECTORY, ".ssh", "", "rwx------"),
        new ManifestEntry(ManifestEntry.HOME_FILE, ".ssh/config", "home-files/.ssh/config", "regular"));
    Path link = tmp.resolve("profiles/system");
    ActivationPlan plan = new ActivationPlanner().plan(t, link, 1, tmp.resolve("gen"), Optional.empty(), m, BackupPolicy.REFUSE);
    Files.createDirectories(tmp.resolve("gen"));
    new Activator().execute(plan, t, p -> { });
    assertEquals(link.resolve("root-files/Library/LaunchDaemons/x.plist"),
        Files.readSymbolicLink(tmp.resolve("root/Library/LaunchDaemons/x.plist")));
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("home/.ssh"))));
    assertEquals(link.resolve("home-files/.ssh/config"), Files.readSymbolicLink(tmp.resolve("home/.ssh/config")));
  }
}
