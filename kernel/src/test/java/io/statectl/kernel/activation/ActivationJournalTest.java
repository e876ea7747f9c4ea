package io.statectl.kernel.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file round trip, and rolling back an activation stopped before its switch, on real files. */
class ActivationJournalTest {
  @TempDir Path tmp;

  @Test
  void aJournal_readsBackAsWritten_withItsStepsDone_andFinishDeletesIt() {
    Path dir = tmp.resolve("journal");
    ActivationTargets targets = new ActivationTargets(tmp.resolve("home dir"), Path.of("/"), false, "no\nsettings",
        "1000", List.of(tmp.resolve("profiles/home-u")));
    ActivationJournal j = new ActivationJournal("system", 3, 2, "/s/gen3", "/s/gen2", targets, BackupPolicy.BACK_UP,
        "APPLY", 41, 5, 2, List.of());
    ActivationJournal.Open open = j.write(dir);
    open.stepDone(new PlanStep.CreateLink(tmp.resolve("a"), tmp.resolve("b")));
    open.stepDone(new PlanStep.RemoveLink(tmp.resolve("c")));
    open.close();
    List<ActivationJournal> all = ActivationJournal.all(dir);
    assertEquals(1, all.size());
    ActivationJournal read = all.get(0);
    assertEquals(targets, read.targets());
    assertEquals(41, read.logSequence());
    assertEquals(2, read.done().size());
    assertFalse(read.switched(), "2 steps done, the switch is the third");
    assertEquals(new ActivationJournal("system", 3, 2, "/s/gen3", "/s/gen2", targets, BackupPolicy.BACK_UP, "APPLY",
        41, 5, 2, read.done()), read);
    ActivationJournal.delete(dir, "system");
    assertTrue(ActivationJournal.all(dir).isEmpty());
  }

  @Test
  void revert_beforeTheSwitch_removesNewLinks_putsBackupsBack_andRemovesTempLinks() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path link = tmp.resolve("profiles/system");
    ActivationManifest m1 = manifest("a", "gone");
    ActivationManifest m2 = manifest("a", "b", "sub/c");
    Path gen1 = generation("gen1", m1);
    Path gen2 = generation("gen2", m2);
    ActivationTargets targets = ActivationTargets.homeOnly(home);
    Activator activator = new Activator();
    activator.execute(new ActivationPlanner().plan(targets, link, 1, gen1, Optional.empty(), m1, BackupPolicy.REFUSE),
        targets, live -> { });
    Files.writeString(home.resolve("b"), "mine\n");
    Map<String, String> before = picture(home);

    ActivationPlan plan = new ActivationPlanner().plan(targets, link, 2, gen2, Optional.of(m1), m2, BackupPolicy.BACK_UP);
    Path saved = tmp.resolve("store-copy-of-b");
    List<PlanStep> beforeSwitch = plan.steps().subList(0, ActivationJournal.switchStep(plan));
    activator.execute(new ActivationPlan(beforeSwitch, List.of(), List.of()), targets,
        live -> Files.copy(live, saved));
    assertTrue(Files.isSymbolicLink(home.resolve("b")), "b was replaced by its link");
    Files.createSymbolicLink(home.resolve(".a.0000.statectl-tmp"), gen2); // a rename a kill interrupted

    int changes = ActivationRevert.revert(targets, link, Optional.of(m1), m2,
        Map.of(home.resolve("b"), new SavedBackup(home.resolve("b"), saved, "rw-r-----")));
    assertEquals(2, changes);
    Map<String, String> after = picture(home);
    assertEquals("file rw-r----- mine\n", after.remove("b"));
    before.remove("b");
    assertEquals(before, after, "exactly generation 1 again, and b the user's file");
    assertEquals(0, ActivationRevert.revert(targets, link, Optional.of(m1), m2, Map.of()), "idempotent");
  }

  private ActivationManifest manifest(String... files) {
    List<ManifestEntry> entries = new ArrayList<>();
    for (String f : files) {
      entries.add(new ManifestEntry(ManifestEntry.HOME_FILE, f, ActivationManifest.HOME_FILES + "/" + f, "rw-r--r--"));
    }
    return new ActivationManifest(ActivationManifest.CURRENT_VERSION, "system", "h", entries);
  }

  private Path generation(String name, ActivationManifest m) throws IOException {
    Path g = Files.createDirectories(tmp.resolve(name));
    for (ManifestEntry e : m.entries()) {
      Path f = g.resolve(e.source());
      Files.createDirectories(f.getParent());
      Files.writeString(f, name + ":" + e.target() + "\n");
    }
    Files.write(g.resolve(ActivationManifest.FILE_NAME), m.toJson());
    return g;
  }

  private static Map<String, String> picture(Path home) throws IOException {
    Map<String, String> p = new TreeMap<>();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(f -> !f.equals(home)).toList()) {
        String rel = home.relativize(f).toString();
        if (Files.isSymbolicLink(f)) {
          p.put(rel, "link " + Files.readSymbolicLink(f));
        } else if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
          p.put(rel, "dir");
        } else {
          p.put(rel, "file " + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))
              + " " + Files.readString(f));
        }
      }
    }
    return p;
  }
}
