package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walking skeleton's user story, run as a user runs it: separate processes on temp dirs. */
class ApplyEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path home;
  Statectl statectl;

  @BeforeEach
  void setUp() throws IOException {
    config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    home = Files.createDirectories(tmp.resolve("home"));
    statectl = new Statectl(tmp.resolve("state"));
  }

  Statectl.Result apply(String host, String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(new String[] {"apply", "--config", config.toString(), "--host", host, "--home=" + home}, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return statectl.run(args);
  }

  @Test
  void apply_twoHostExample_linksFilesIntoHome_andShowsOneActiveGeneration() throws IOException {
    apply("desktop").ok();

    assertTrue(Files.isSymbolicLink(home.resolve(".gitconfig")));
    assertEquals(Files.readString(config.resolve("files/gitconfig")), Files.readString(home.resolve(".gitconfig")));
    assertEquals("This home is managed by statectl (host: desktop).\n",
        Files.readString(home.resolve(".config/statectl-demo/where.txt")));
    assertFalse(Files.exists(home.resolve("bin/battery")), "laptop-only file must not be on the desktop");
    Statectl.Result gens = statectl.run("generations").ok();
    assertEquals(1, gens.out().lines().count(), gens.out());
    assertTrue(gens.out().startsWith("*    1"), gens.out());

    apply("laptop").ok();
    assertTrue(Files.isExecutable(home.resolve("bin/battery")), "executable = true must give an executable file");
    assertFalse(Files.exists(home.resolve(".config/statectl-demo/where.txt"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
        "a file dropped from the configuration is removed");
  }

  @Test
  void changedConfig_makesGeneration2_rollbackRestoresGeneration1WithoutRebuilding_switchGoesForward() throws IOException {
    apply("desktop").ok();
    Map<String, String> gen1 = Trees.content(home);
    Trees.write(config.resolve("files/gitconfig"), "[user]\n\tname = Changed\n");
    Trees.write(config.resolve("hosts/desktop.toml"), Files.readString(config.resolve("hosts/desktop.toml"))
        + "\n[files.\"notes/todo.txt\"]\ntext = \"buy milk\\n\"\n");
    apply("desktop").ok();
    Map<String, String> gen2 = Trees.content(home);
    assertEquals("- [user]\n\tname = Changed\n", gen2.get(".gitconfig"));
    assertEquals("- buy milk\n", gen2.get("notes/todo.txt"));
    assertTrue(statectl.run("generations").ok().out().contains("*    2"));

    Map<String, String> storeBefore = Trees.picture(statectl.stateDir().resolve("store"));
    long eventsBefore = statectl.run("history").ok().out().lines().count();
    Statectl.Result rb = statectl.run("rollback").ok();
    assertTrue(rb.out().contains("rolled back from generation 2 to 1"), rb.out());
    assertEquals(gen1, Trees.content(home), "rollback restores generation 1's home exactly");
    assertFalse(Files.exists(home.resolve("notes")), "directories the newer generation created are removed again");
    assertEquals(storeBefore, Trees.picture(statectl.stateDir().resolve("store")), "rollback builds nothing");
    String history = statectl.run("history").ok().out();
    assertEquals(eventsBefore + 1, history.lines().count(), history);
    assertTrue(history.lines().reduce((a, b) -> b).orElseThrow().contains("GenerationActivated"), history);

    statectl.run("switch", "--generation", "2").ok();
    assertEquals(gen2, Trees.content(home));
    assertTrue(statectl.run("generations").ok().out().contains("*    2"));
  }

  @Test
  void unchangedConfig_makesNoGeneration_andSaysSo() {
    apply("desktop").ok();
    String history = statectl.run("history").ok().out();
    Statectl.Result again = apply("desktop").ok();
    assertTrue(again.out().contains("no changes: generation 1 is already active"), again.out());
    assertEquals(history, statectl.run("history").ok().out(), "a no-op apply records nothing");
    assertEquals(1, statectl.run("generations").ok().out().lines().count());
  }

  @Test
  void dryRun_printsThePlan_andChangesNothing() {
    Map<String, String> before = Trees.picture(home);
    Statectl.Result r = apply("laptop", "--dry-run").ok();
    assertTrue(r.out().contains("link    " + home.resolve("bin/battery")), r.out());
    assertEquals(before, Trees.picture(home), "dry run leaves the home alone");
    assertFalse(Files.exists(statectl.stateDir()), "dry run on a fresh machine creates no state");
  }

  @Test
  void deletingProjections_rebuildsIdenticalGenerationsOutput() throws IOException {
    apply("desktop").ok();
    apply("laptop").ok();
    statectl.run("rollback").ok();
    String text = statectl.run("generations").ok().out();
    String json = statectl.run("generations", "--json").ok().out();
    String backups = statectl.run("backups", "--json").ok().out();

    deleteTree(statectl.stateDir().resolve("projections"));
    assertEquals(text, statectl.run("generations").ok().out());
    assertEquals(json, statectl.run("generations", "--json").ok().out());
    assertEquals(backups, statectl.run("backups", "--json").ok().out());
    assertTrue(Files.isDirectory(statectl.stateDir().resolve("projections")), "the read models were rebuilt");
  }

  @Test
  void storePathInfo_showsHashSizeAndRegistration() {
    String out = apply("desktop").ok().out();
    Matcher m = Pattern.compile("(/\\S+-statectl-system-desktop)").matcher(out);
    assertTrue(m.find(), out);
    Statectl.Result info = statectl.run("store", "path-info", m.group(1)).ok();
    assertTrue(info.out().contains("nar hash      sha256:"), info.out());
    assertTrue(info.out().matches("(?s).*nar size      \\d+.*"), info.out());
    Statectl.Result missing = statectl.run("store", "path-info", "/nowhere/x");
    assertEquals(2, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("is not a path in the store"), missing.err());
  }

  static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path x : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(x);
      }
    }
  }
}
