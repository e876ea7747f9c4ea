package io.statectl.kernel.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.DriftItem;
import io.statectl.events.DriftKind;
import io.statectl.kernel.activation.ActivationPlan;
import io.statectl.kernel.activation.Activator;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCheckerTest {
  @TempDir Path tmp;
  Path home;
  Path generation;
  Path profileLink;
  ActivationManifest manifest;

  @BeforeEach
  void generationAndHome() throws Exception {
    generation = Files.createDirectories(tmp.resolve("store/gen"));
    Files.createDirectories(generation.resolve("home-files/.config/app"));
    Files.writeString(generation.resolve("home-files/.gitconfig"), "[user]\n");
    Files.writeString(generation.resolve("home-files/.config/app/conf"), "a = 1\n");
    Files.writeString(generation.resolve("home-files/.config/app/copied"), "copy me\n");
    manifest = new ActivationManifest(1, "system", "h", List.of(
        new ManifestEntry(ManifestEntry.HOME_FILE, ".gitconfig", "home-files/.gitconfig", "regular"),
        new ManifestEntry(ManifestEntry.HOME_FILE, ".config/app/conf", "home-files/.config/app/conf", "regular"),
        new ManifestEntry(DriftChecker.HOME_FILE_COPY, ".config/app/copied", "home-files/.config/app/copied", "regular")));
    profileLink = Files.createDirectories(tmp.resolve("profiles")).resolve("system");
    Files.createSymbolicLink(profileLink, generation);
    home = Files.createDirectories(tmp.resolve("home/.config/app")).getParent().getParent();
    Files.createSymbolicLink(home.resolve(".gitconfig"), profileLink.resolve("home-files/.gitconfig"));
    Files.createSymbolicLink(home.resolve(".config/app/conf"), profileLink.resolve("home-files/.config/app/conf"));
    Files.writeString(home.resolve(".config/app/copied"), "copy me\n");
  }

  List<DriftItem> check() {
    return new DriftChecker().check(home, profileLink, generation, manifest);
  }

  @Test
  void homeAsActivated_hasNoDrift() {
    assertEquals(List.of(), check());
  }

  @Test
  void everyKindOfDrift_isFound_withItsPath() throws Exception {
    Files.delete(home.resolve(".gitconfig"));
    Files.writeString(home.resolve(".gitconfig"), "edited\n");
    Files.delete(home.resolve(".config/app/conf"));
    Files.createSymbolicLink(home.resolve(".config/app/conf"), Path.of("/etc/hostname"));
    Files.writeString(home.resolve(".config/app/copied"), "copy me, changed\n");
    Files.writeString(home.resolve(".config/app/stray"), "mine\n");
    Files.writeString(home.resolve("unrelated"), "the home itself is not checked for strays\n");

    List<DriftItem> items = check();
    List<String> found = new ArrayList<>();
    items.forEach(i -> found.add(i.kind() + " " + home.relativize(Path.of(i.path()))));
    assertEquals(List.of("MODIFIED .config/app/copied", "LINK_ELSEWHERE .config/app/conf", "UNMANAGED .config/app/stray",
        "MODIFIED .gitconfig").stream().sorted((a, b) -> a.substring(a.indexOf(' ')).compareTo(b.substring(b.indexOf(' '))))
        .toList(), found);
    DriftItem copied = items.stream().filter(i -> i.path().endsWith("copied")).findFirst().orElseThrow();
    assertTrue(copied.detail().contains("xxh3"), copied.detail());
  }

  @Test
  void missingLink_andWrongProfileLink_areFound_andRepairPlanFixesLinks() throws Exception {
    Files.delete(home.resolve(".gitconfig"));
    Path other = Files.createDirectories(tmp.resolve("store/other"));
    Files.delete(profileLink);
    Files.createSymbolicLink(profileLink, other);
    List<DriftItem> items = check();
    assertEquals(List.of(DriftKind.MISSING, DriftKind.PROFILE_LINK), items.stream().map(DriftItem::kind).toList());

    ActivationPlan plan = new RepairPlanner().plan(items, home, profileLink, 1, generation, manifest);
    new Activator().execute(plan, home, live -> {
      throw new AssertionError("nothing to back up");
    });
    assertEquals(List.of(), check());
  }
}
