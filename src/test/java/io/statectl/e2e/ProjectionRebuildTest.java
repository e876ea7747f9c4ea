package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log is the truth: deleting every read model and replaying changes no read command's JSON by a byte. */
class ProjectionRebuildTest {
  @TempDir Path tmp;

  @Test
  void deletingAllProjections_andReplaying_givesByteIdenticalJson_forEveryReadCommand() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("bin/battery"), "mine\n");
    String laptop = statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", home.toString(),
        "--backup").ok().out();
    Trees.write(config.resolve("files/gitconfig"), "[user]\n\tname = Third\n");
    statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", home.toString()).ok();
    statectl.run("rollback").ok();
    statectl.run("gc", "--delete-generations", "1").ok();
    Files.delete(home.resolve(".bashrc"));
    Statectl.Result drifted = statectl.run("status");
    assertEquals(1, drifted.exit(), "status exits 1 on drift: " + drifted);
    statectl.run("apply", "--repair").ok();
    Matcher m = Pattern.compile("(/\\S+-statectl-system-laptop)").matcher(laptop);
    assertTrue(m.find(), laptop);

    List<List<String>> commands = List.of(
        List.of("generations", "--json"),
        List.of("generations", "--json", "--as-of", "gen:1"),
        List.of("generations", "--json", "--as-of", "9"),
        List.of("history", "--json"),
        List.of("history", "--json", "--type", "GenerationActivated,GenerationsDeleted"),
        List.of("history", "--json", "--since", "2000-01-01", "--profile", "system"),
        List.of("show-generation", "1", "--json"),
        List.of("show-generation", "2", "--json"),
        List.of("show-generation", "3", "--json"),
        List.of("diff", "2", "3", "--json"),
        List.of("backups", "--json"),
        List.of("status", "--json"),
        List.of("replay", "--to-generation", "2", "--json"),
        List.of("store", "path-info", m.group(1), "--json"));
    Map<String, String> before = outputs(statectl, commands);
    assertTrue(before.get("history --json").contains("DriftRepaired"), before.get("history --json"));

    ApplyEndToEndTest.deleteTree(statectl.stateDir().resolve("projections"));
    ApplyEndToEndTest.deleteTree(statectl.stateDir().resolve("views"));
    Statectl.Result replay = statectl.run("replay").ok();
    assertTrue(replay.out().contains("rebuilt the read models from"), replay.out());
    assertEquals(before, outputs(statectl, commands));

    // and without an explicit replay: every command rebuilds what it needs on its own
    ApplyEndToEndTest.deleteTree(statectl.stateDir().resolve("projections"));
    ApplyEndToEndTest.deleteTree(statectl.stateDir().resolve("views"));
    List<List<String>> some = List.of(commands.get(2), commands.get(7), commands.get(10), commands.get(11));
    Map<String, String> expected = new LinkedHashMap<>();
    some.forEach(c -> expected.put(String.join(" ", c), before.get(String.join(" ", c))));
    assertEquals(expected, outputs(statectl, some));
    assertFalse(before.values().stream().anyMatch(String::isBlank));
  }

  private static Map<String, String> outputs(Statectl statectl, List<List<String>> commands) {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> c : commands) {
      out.put(String.join(" ", c), statectl.run(c.toArray(String[]::new)).ok().out());
    }
    return out;
  }
}
