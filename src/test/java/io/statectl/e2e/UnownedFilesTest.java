package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** statectl never overwrites a file it does not own; with --backup it saves it, restorably. */
class UnownedFilesTest {
  @TempDir Path tmp;

  @Test
  void unownedFiles_refusedBeforeAnyChange_allListed_thenBackedUpAndRestorable() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Trees.write(home.resolve(".gitconfig"), "my own gitconfig\n");
    Trees.write(home.resolve(".bashrc"), "my own bashrc\n");
    Map<String, String> before = Trees.picture(home);

    Statectl.Result refused = statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home",
        home.toString());
    assertEquals(4, refused.exit(), refused.toString());
    assertTrue(refused.err().contains(home.resolve(".gitconfig") + " exists and statectl does not own it"), refused.err());
    assertTrue(refused.err().contains(home.resolve(".bashrc") + " exists and statectl does not own it"), refused.err());
    assertTrue(refused.err().contains("--backup"), refused.err());
    assertEquals(before, Trees.picture(home), "nothing in the home changed");
    assertFalse(Files.exists(statectl.stateDir()), "nothing recorded");

    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString(), "--backup").ok();
    assertEquals(Files.readString(config.resolve("files/gitconfig")), Files.readString(home.resolve(".gitconfig")));
    assertFalse(Files.exists(home.resolve(".gitconfig.bak")), "no .bak files");

    String list = statectl.run("backups").ok().out();
    Matcher m = Pattern.compile("restore: statectl restore-backup (\\d+) --to (\\S*\\.gitconfig\\.restored)").matcher(list);
    assertTrue(m.find(), list);
    Path restored = tmp.resolve("restored-gitconfig");
    statectl.run("restore-backup", m.group(1), "--to", restored.toString()).ok();
    assertEquals("my own gitconfig\n", Files.readString(restored));

    Statectl.Result occupied = statectl.run("restore-backup", m.group(1));
    assertEquals(5, occupied.exit(), occupied.toString());
    assertTrue(occupied.err().contains("is a file statectl manages"), occupied.err());
    assertTrue(statectl.run("history").ok().out().contains("FileBackedUp"));
  }
}
