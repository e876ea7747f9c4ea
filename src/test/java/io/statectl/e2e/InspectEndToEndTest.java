package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** show-generation, diff between generations and against a configuration on disk, history filters. */
class InspectEndToEndTest {
  @TempDir Path tmp;

  @Test
  void diffAndShowGeneration_describeWhatChanged() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    Trees.write(config.resolve("files/gitconfig"), "[user]\n\tname = Second\n");
    statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", home.toString()).ok();

    String diff = statectl.run("diff", "1", "2").ok().out();
    assertTrue(diff.contains("  + bin/battery"), diff);
    assertTrue(diff.contains("  - .config/statectl-demo/where.txt"), diff);
    assertTrue(diff.contains("  ~ .gitconfig"), diff);
    assertTrue(diff.contains("      +\tname = Second"), diff);
    assertTrue(diff.contains("closure: "), diff);
    assertTrue(!diff.contains("\u001b["), "no colour when not on a terminal");

    String json12 = statectl.run("diff", "1", "2", "--json").ok().out();
    String jsonConfig = statectl.run("diff", "1", "--config", config.toString(), "--host", "laptop", "--json").ok().out();
    assertEquals(json12.substring(json12.indexOf("\"files\""), json12.indexOf("\"packages\"")),
        jsonConfig.substring(jsonConfig.indexOf("\"files\""), jsonConfig.indexOf("\"packages\"")),
        "the configuration on disk builds what generation 2 holds");

    String show = statectl.run("show-generation", "2").ok().out();
    assertTrue(show.startsWith("generation 2 (active)"), show);
    assertTrue(show.contains(" by " + System.getProperty("user.name")), show);
    assertTrue(show.contains("changes since generation 1:"), show);
    assertTrue(show.contains("GenerationCreated") && show.contains("ConfigurationSubmitted"), show);

    String activations = statectl.run("history", "--type", "GenerationActivated").ok().out();
    assertEquals(2, activations.lines().count(), activations);
    assertEquals("", statectl.run("history", "--since", "2999-01-01").ok().out());
    Statectl.Result bad = statectl.run("history", "--type", "NoSuchThing");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("GenerationActivated"), "lists the known types: " + bad.err());
  }
}
