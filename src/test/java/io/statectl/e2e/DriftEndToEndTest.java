package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift between the live home and the active generation: seen, recorded, repaired, recorded. */
class DriftEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void editedFile_deletedLink_redirectedLink_areListed_recorded_andRepaired() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    Map<String, String> applied = Trees.picture(home);
    Statectl.Result clean = statectl.run("status");
    assertEquals(0, clean.exit(), clean.toString());
    assertTrue(clean.out().contains("no drift"), clean.toString());
    Statectl.Result cleanJson = statectl.run("status", "--json");
    assertEquals(0, cleanJson.exit(), cleanJson.toString());
    JsonNode none = JSON.readTree(cleanJson.out());
    assertTrue(none.get("clean").asBoolean(), cleanJson.out());
    assertEquals(0, none.get("drift").size(), cleanJson.out());

    // An editor replaces the link with its own file; a link is deleted; another is pointed elsewhere.
    Path gitconfig = home.resolve(".gitconfig");
    Files.delete(gitconfig);
    Files.writeString(gitconfig, "[user]\n\tname = Edited by hand\n");
    Files.delete(home.resolve(".bashrc"));
    Path motd = home.resolve(".config/statectl-demo/motd");
    Files.delete(motd);
    Files.writeString(tmp.resolve("elsewhere"), "not statectl's\n");
    Files.createSymbolicLink(motd, tmp.resolve("elsewhere"));

    // Scripts test status's exit code: 1 on drift, with no option needed (and the old --exit-code still parses).
    Statectl.Result status = statectl.run("status");
    assertEquals(1, status.exit(), status.toString());
    assertEquals(1, statectl.run("status", "--exit-code").exit());
    assertTrue(status.out().contains("modified       " + gitconfig), status.out());
    assertTrue(status.out().contains("missing        " + home.resolve(".bashrc")), status.out());
    assertTrue(status.out().contains("link elsewhere " + motd), status.out());
    Statectl.Result jsonStatus = statectl.run("status", "--json");
    assertEquals(1, jsonStatus.exit(), jsonStatus.toString());
    JsonNode found = JSON.readTree(jsonStatus.out());
    assertFalse(found.get("clean").asBoolean(), jsonStatus.out());
    assertEquals(home.toString(), found.get("home").asText());
    Map<String, String> findings = new TreeMap<>();
    found.get("drift").forEach(d -> findings.put(d.get("path").asText(), d.get("kind").asText()));
    assertEquals(Map.of(gitconfig.toString(), "MODIFIED", home.resolve(".bashrc").toString(), "MISSING",
        motd.toString(), "LINK_ELSEWHERE"), findings, "every finding, each once: " + jsonStatus.out());
    assertEquals(3, found.get("count").asInt());
    found.get("drift").forEach(d -> assertFalse(d.get("detail").asText().isBlank(), d.toString()));
    String detected = statectl.run("history", "--type", "DriftDetected").ok().out();
    assertEquals(1, detected.lines().count(), "recorded once, not on every status: " + detected);

    Statectl.Result repair = statectl.run("apply", "--repair").ok();
    assertTrue(repair.out().contains("repaired 3 of 3"), repair.toString());
    assertEquals(applied, Trees.picture(home), "the home is as the generation made it");
    Statectl.Result after = statectl.run("status");
    assertEquals(0, after.exit(), after.toString());
    assertTrue(after.out().contains("no drift"), after.toString());
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
