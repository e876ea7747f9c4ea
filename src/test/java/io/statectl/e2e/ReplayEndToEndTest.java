package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ten generations, some collected, and the machine brought back to generation 3 from the log alone. */
class ReplayEndToEndTest {
  @TempDir Path tmp;

  @Test
  void tenGenerations_gcSome_replayToGeneration3Apply_rebuildsGeneration3sHomeByteForByte() throws IOException {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    List<Map<String, String>> pictures = new ArrayList<>();
    List<Map<String, String>> contents = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    pictures.add(Map.of());
    contents.add(Map.of());
    paths.add("");
    String desktop = Files.readString(config.resolve("hosts/desktop.toml"));
    for (int i = 1; i <= 10; i++) {
      Trees.write(config.resolve("files/gitconfig"), "[user]\n\tname = Version " + i + "\n");
      StringBuilder extra = new StringBuilder(desktop);
      for (int k = 1; k <= i; k += 2) { // files come and go: odd numbers up to i, and a script on every third
        extra.append("\n[files.\"notes/n").append(k).append(".txt\"]\ntext = \"note ").append(k).append(" of ")
            .append(i).append("\\n\"\n");
      }
      if (i % 3 == 0) {
        extra.append("\n[files.\"bin/tool").append(i).append("\"]\ntext = \"#!/bin/sh\\necho ").append(i)
            .append("\\n\"\nexecutable = true\n");
      }
      Trees.write(config.resolve("hosts/desktop.toml"), extra.toString());
      String out = statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString())
          .ok().out();
      assertTrue(out.contains("generation " + i + " is active"), out);
      Matcher m = Pattern.compile("(/\\S+-statectl-system-desktop)").matcher(out);
      assertTrue(m.find(), out);
      paths.add(m.group(1));
      pictures.add(Trees.picture(home));
      contents.add(Trees.content(home));
    }
    assertEquals("- note 3 of 3\n", contents.get(3).get("notes/n3.txt"));

    Statectl.Result gc = statectl.run("gc", "--delete-generations", "1..5").ok();
    assertTrue(gc.out().contains("generation(s) 1, 2, 3, 4, 5 deleted"), gc.out());
    assertFalse(Files.exists(Path.of(paths.get(3))), "gc removed generation 3's tree");
    assertFalse(statectl.run("generations").ok().out().contains("    3  "));
    Statectl.Result refused = statectl.run("switch", "--generation", "3");
    assertEquals(5, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("deleted by `statectl gc`"), refused.err());

    Statectl.Result replay = statectl.run("replay", "--to-generation", "3", "--apply").ok();
    assertTrue(replay.out().contains("generation 3 is active again"), replay.toString());
    assertTrue(replay.err().contains("realising it again from its configuration"), replay.err());
    assertTrue(Files.isDirectory(Path.of(paths.get(3))), "rebuilt at its recorded store path");
    assertEquals(pictures.get(3), Trees.picture(home), "the home is byte-identical to what generation 3 made");
    assertEquals(contents.get(3), Trees.content(home));
    assertTrue(statectl.run("generations").ok().out().contains("*    3"));
    String history = statectl.run("history").ok().out();
    assertTrue(history.contains("GenerationRestored"), history);
    assertTrue(history.contains("active (replay, was 10)"), history);
    assertTrue(statectl.run("history", "--verify").ok().out().contains("event log intact"));
  }

  @Test
  void replayToAPoint_withoutApply_buildsASeparateView_andLeavesLiveStateAlone() throws IOException {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", home.toString()).ok();
    Map<String, String> before = Trees.picture(home);
    String generations = statectl.run("generations", "--json").ok().out();

    Statectl.Result view = statectl.run("replay", "--to-event", "4").ok();
    assertTrue(view.out().contains("generations 1\n"), view.out());
    assertTrue(view.out().contains("active      1 in " + home), view.out());
    assertTrue(Files.isDirectory(statectl.stateDir().resolve("views/as-of-4")));
    assertEquals(before, Trees.picture(home));
    assertEquals(generations, statectl.run("generations", "--json").ok().out());
    assertEquals(statectl.run("generations").ok().out(), statectl.run("generations", "--as-of", "2999-01-01").ok().out());
    Statectl.Result tooEarly = statectl.run("replay", "--to-time", "2000-01-01T00:00:00Z");
    assertEquals(2, tooEarly.exit(), tooEarly.toString());
    assertTrue(tooEarly.err().contains("nothing was recorded at or before 2000-01-01T00:00:00Z"), tooEarly.err());
    String asOf = statectl.run("generations", "--as-of", "gen:1").ok().out();
    assertEquals("*    1", asOf.substring(0, 6), asOf);
    assertEquals(1, asOf.lines().count(), asOf);
  }
}
