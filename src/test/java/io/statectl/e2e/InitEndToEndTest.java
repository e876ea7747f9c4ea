package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statectl init}: a repository that applies, adoption that changes nothing visible, refusals. */
class InitEndToEndTest {
  @TempDir Path tmp;

  @Test
  void initAdopt_thenApply_keepsTheContentAsAManagedLink() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve(".bashrc"), "alias ll='ls -l'\n");
    Files.createDirectories(home.resolve(".config/git"));
    Files.writeString(home.resolve(".config/git/config"), "[user]\n\tname = Ada\n");
    Path repo = tmp.resolve("config");
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Statectl.Result init = statectl.run("init", repo.toString(), "--host", "box", "--home", home.toString(),
        "--adopt", ".bashrc", ".config/git/config").ok();
    assertTrue(init.out().contains("next: statectl apply --config " + repo), init.out());
    assertTrue(Files.isRegularFile(repo.resolve("hosts/box.toml")));
    assertTrue(Files.isRegularFile(repo.resolve(".gitignore")));
    assertTrue(Files.isDirectory(repo.resolve(".git")), "git init ran");
    assertEquals("alias ll='ls -l'\n", Files.readString(repo.resolve("files/bashrc")));
    assertFalse(Files.exists(home.resolve(".bashrc")), "moved, not copied");

    statectl.run("apply", "--config", repo.toString(), "--host", "box", "--home", home.toString()).ok();
    assertTrue(Files.isSymbolicLink(home.resolve(".bashrc")), "now a managed link");
    assertEquals("alias ll='ls -l'\n", Files.readString(home.resolve(".bashrc")));
    assertEquals("[user]\n\tname = Ada\n", Files.readString(home.resolve(".config/git/config")));
    assertTrue(Files.isSymbolicLink(home.resolve(".config/git/config")));
    Statectl.Result status = statectl.run("status", "--home", home.toString()).ok();
    assertFalse(status.out().toLowerCase().contains("missing"), status.out());
  }

  @Test
  void init_intoANonEmptyDirectory_isRefusedUnlessForced() throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(repo.resolve("notes.txt"), "mine");
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Statectl.Result r = statectl.run("init", repo.toString(), "--host", "box");
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("error[STC-E220]: " + repo + " is not empty"), r.err());
    assertTrue(r.err().contains("--force"), r.err());
    assertFalse(Files.exists(repo.resolve("hosts")), "nothing written");
    statectl.run("init", repo.toString(), "--host", "box", "--force").ok();
    assertTrue(Files.isRegularFile(repo.resolve("hosts/box.toml")));
    assertEquals("mine", Files.readString(repo.resolve("notes.txt")));
  }

  @Test
  void adopt_ofAMissingOrOutsideFile_writesNothing() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve(".bashrc"), "x");
    Path repo = tmp.resolve("config");
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Statectl.Result r = statectl.run("init", repo.toString(), "--host", "box", "--home", home.toString(),
        "--adopt", ".bashrc", ".nope");
    assertEquals(15, r.exit(), r.toString());
    assertTrue(r.err().contains("error[STC-E223]: cannot adopt .nope"), r.err());
    assertFalse(Files.exists(repo), "nothing written");
    assertEquals("x", Files.readString(home.resolve(".bashrc")), "nothing moved");
    Statectl.Result outside = statectl.run("init", repo.toString(), "--host", "box", "--home", home.toString(),
        "--adopt", "../elsewhere");
    assertTrue(outside.err().contains("outside the home"), outside.err());
  }
}
