package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --apply} activates under the root the generation's activation recorded (or
 * {@code --root}), and with the plugin versions it was built with, refusing (STC-E124, nothing
 * changed) when those are not installed. Real files under a temp root.
 */
class ReplayRootAndPluginsEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path root;
  Path home;
  Statectl statectl;

  @BeforeEach
  void setUp() {
    config = tmp.resolve("config");
    root = tmp.resolve("root");
    home = tmp.resolve("root/home/user");
    Trees.write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Trees.write(root.resolve("etc/group"), "root:x:0:\nusers:x:100:\n");
    Trees.write(home.resolve(".keep"), "");
    statectl = new Statectl(tmp.resolve("state"));
  }

  private void host(String motd, String more) {
    Trees.write(config.resolve("hosts/box.toml"), "[environment.etc.motd]\ntext = \"" + motd + "\\n\"\n" + more);
  }

  private Statectl.Result apply() {
    return statectl.run("apply", "--config", config.toString(), "--host", "box", "--root", root.toString(),
        "--home", home.toString(), "--platform", "x86_64-linux");
  }

  @Test
  void replayApply_placesRootFilesUnderTheRecordedRoot_orUnderRootWhenGiven() throws Exception {
    host("one", "");
    apply().ok();
    host("two", "");
    apply().ok();
    assertEquals("two\n", Files.readString(root.resolve("etc/motd")));

    Statectl.Result replay = statectl.run("replay", "--to-generation", "1", "--apply").ok();
    assertTrue(replay.out().contains("generation 1 is active under root " + root), replay.toString());
    assertEquals("one\n", Files.readString(root.resolve("etc/motd")), "the recorded root, not the real /");
    assertTrue(statectl.run("history").ok().out().contains("active (replay, was 2)"));

    Path other = tmp.resolve("other-root");
    Trees.write(other.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Statectl.Result elsewhere = statectl.run("replay", "--to-generation", "2", "--apply", "--root", other.toString())
        .ok();
    assertTrue(elsewhere.out().contains("under root " + other), elsewhere.toString());
    assertEquals("two\n", Files.readString(other.resolve("etc/motd")));
    assertTrue(statectl.run("history", "--verify").ok().out().contains("event log intact"));
  }

  @Test
  void replayApply_ofAGenerationBuiltWithAnotherPluginVersion_isRefusedWithE124_andChangesNothing() throws Exception {
    Path v2 = PluginJars.variant(tmp, "hello-2.jar", Map.of("Plugin-Version", "2.0.0"), true);
    host("one", "\n[programs.hello]\nenable = true\n");
    statectl.run("plugin", "install", PluginJars.HELLO.toString(), "--config", config.toString()).ok();
    apply().ok();
    statectl.run("plugin", "upgrade", "hello", v2.toString(), "--config", config.toString()).ok();
    host("two", "\n[programs.hello]\nenable = true\ngreeting = \"Hi\"\n");
    apply().ok();
    String hello = Files.readString(home.resolve(".hello"));

    Statectl.Result refused = statectl.run("replay", "--to-generation", "1", "--apply");
    assertEquals(9, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("STC-E124") && refused.err().contains("hello@1.0.0")
        && refused.err().contains("installed: ") && refused.err().contains("hello@2.0.0"), refused.err());
    assertEquals("two\n", Files.readString(root.resolve("etc/motd")), "nothing changed");
    assertEquals(hello, Files.readString(home.resolve(".hello")));
    assertTrue(statectl.run("generations").ok().out().contains("*    2"));
    assertFalse(statectl.run("history").ok().out().contains("replay, was 2"));

    statectl.run("replay", "--to-generation", "2", "--apply").ok(); // built with what is installed: allowed
  }
}
