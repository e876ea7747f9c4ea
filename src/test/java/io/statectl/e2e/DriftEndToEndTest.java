package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift between the live home and the active generation: seen, recorded, repaired, recorded. */
class DriftEndToEndTest {
  @TempDir Path tmp;

  @Test
  void editedFile_deletedLink_redirectedLink_areListed_recorded_andRepaired() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    Map<String, String> applied = Trees.picture(home);
    assertTrue(statectl.run("status").ok().out().contains("no drift"));

    // An editor replaces the link with its own file; a link is deleted; another is pointed elsewhere.
    Path gitconfig = home.resolve(".gitconfig");
    Files.delete(gitconfig);
    Files.writeString(gitconfig, "[user]\n\tname = Edited by hand\n");
    Files.delete(home.resolve(".bashrc"));
    Path motd = home.resolve(".config/statectl-demo/motd");
    Files.delete(motd);
    Files.writeString(tmp.resolve("elsewhere"), "not statectl's\n");
    Files.createSymbolicLink(motd, tmp.resolve("elsewhere"));

    Statectl.Result status = statectl.run("status", "--exit-code");
    assertEquals(14, status.exit(), status.toString());
    assertTrue(status.out().contains("modified       " + gitconfig), status.out());
    assertTrue(status.out().contains("missing        " + home.resolve(".bashrc")), status.out());
    assertTrue(status.out().contains("link elsewhere " + motd), status.out());
    String json = statectl.run("status", "--json").ok().out();
    assertTrue(json.contains("\"kind\" : \"MODIFIED\"") && json.contains("\"kind\" : \"MISSING\"")
        && json.contains("\"kind\" : \"LINK_ELSEWHERE\""), json);
    String detected = statectl.run("history", "--type", "DriftDetected").ok().out();
    assertEquals(1, detected.lines().count(), "recorded once, not on every status: " + detected);

    Statectl.Result repair = statectl.run("apply", "--repair").ok();
    assertTrue(repair.out().contains("repaired 3 of 3"), repair.toString());
    assertEquals(applied, Trees.picture(home), "the home is as the generation made it");
    assertTrue(statectl.run("status").ok().out().contains("no drift"));
    String repaired = statectl.run("history", "--type", "DriftRepaired", "--json").ok().out();
    assertTrue(repaired.contains("\"kind\" : \"MODIFIED\"") && repaired.contains("\"kind\" : \"MISSING\"")
        && repaired.contains("\"kind\" : \"LINK_ELSEWHERE\""), repaired);
    String backups = statectl.run("backups").ok().out();
    assertTrue(backups.contains(gitconfig.toString()), "the edited file was saved, not lost: " + backups);
    Path restored = tmp.resolve("restored");
    String id = backups.trim().split("\\s+")[0];
    statectl.run("restore-backup", id, "--to", restored.toString()).ok();
    assertEquals("[user]\n\tname = Edited by hand\n", Files.readString(restored));
  }
}
