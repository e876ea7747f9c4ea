package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generations record the git commit, branch, dirty state and message of the configuration they came from. */
class GitGenerationsEndToEndTest {
  @TempDir Path tmp;

  @Test
  void generations_recordCommitDirtyStateAndMessage() throws Exception {
    RequiredTool.require("git", "git");
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    git(config, "init", "-q", "-b", "main");
    git(config, "add", "-A");
    git(config, "commit", "-q", "-m", "First machine setup");
    String head = git(config, "rev-parse", "HEAD").strip();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));

    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString(),
        "--message", "the very first").ok();
    String list = statectl.run("generations").ok().out();
    assertTrue(list.contains("  " + head.substring(0, 7) + "  \"the very first\""), list);

    Trees.write(config.resolve("files/gitconfig"), "[user]\n\tname = Uncommitted\n");
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    list = statectl.run("generations").ok().out();
    assertTrue(list.contains("  " + head.substring(0, 7) + "+"), "a dirty tree is marked: " + list);

    JsonNode gens = new ObjectMapper().readTree(statectl.run("generations", "--json").ok().out());
    JsonNode first = gens.get(0).get("source");
    assertEquals(head, first.get("commit").asText());
    assertEquals("main", first.get("branch").asText());
    assertFalse(first.get("dirty").asBoolean());
    assertEquals("First machine setup", first.get("subject").asText());
    assertEquals("the very first", gens.get(0).get("message").asText());
    JsonNode second = gens.get(1).get("source");
    assertTrue(second.get("dirty").asBoolean());
    assertEquals(64, second.get("dirtyHash").asText().length());
    assertTrue(gens.get(1).get("message") == null, "no message given, none recorded");

    String show = statectl.run("show-generation", "1").ok().out();
    assertTrue(show.contains("  commit      " + head.substring(0, 12) + " on main: First machine setup"), show);
    assertTrue(show.contains("  message     the very first"), show);
    assertTrue(statectl.run("show-generation", "2").ok().out().contains(", work tree dirty"));

    git(config, "commit", "-q", "-am", "Rename the user");
    String again = statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString())
        .ok().out();
    assertTrue(again.contains("no changes"), "committing what was applied dirty builds the same generation: " + again);
  }

  @Test
  void configurationOutsideGit_recordsNoSource() throws Exception {
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Statectl statectl = new Statectl(tmp.resolve("state"));
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    JsonNode gens = new ObjectMapper().readTree(statectl.run("generations", "--json").ok().out());
    assertTrue(gens.get(0).get("source") == null, gens.toString());
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=t@example.org"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
