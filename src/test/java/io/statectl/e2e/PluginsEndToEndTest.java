package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A third-party plugin (the SDK example, built by the reactor) installed, used, pinned and removed. */
class PluginsEndToEndTest {
  @TempDir Path tmp;
  Path config;
  Path home;
  Statectl statectl;

  @BeforeEach
  void setUp() throws Exception {
    config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    home = Files.createDirectories(tmp.resolve("home"));
    statectl = new Statectl(tmp.resolve("state"));
  }

  Statectl.Result apply() {
    return statectl.run("apply", "--config", config.toString(), "--host", "laptop", "--home", home.toString());
  }

  @Test
  void install_use_refuseRemoval_thenRemove() throws Exception {
    Statectl.Result installed = statectl.run("plugin", "install", PluginJars.HELLO.toString(), "--config", config.toString()).ok();
    assertTrue(installed.err().contains("sha256 "), "a local install prints the hash: " + installed.err());
    String lock = Files.readString(config.resolve("statectl.lock"));
    assertTrue(lock.contains("[plugins.\"hello\"]") && lock.contains("version = \"1.0.0\""), lock);
    Path installedJar = statectl.stateDir().resolve("plugins/hello.jar");
    assertEquals(Files.size(PluginJars.HELLO), Files.size(installedJar), "installed under <state-dir>/plugins");

    Files.writeString(config.resolve("hosts/laptop.toml"), Files.readString(config.resolve("hosts/laptop.toml"))
        + "\n[programs.hello]\nenable = true\ngreeting = \"Howdy\"\n");
    apply().ok();
    assertEquals("Howdy, laptop!\n", Files.readString(home.resolve(".hello")));
    assertTrue(statectl.run("generations", "--json").ok().out().contains("hello@1.0.0"), "the generation records the plugin version");

    Statectl.Result refused = statectl.run("plugin", "remove", "hello", "--config", config.toString());
    assertEquals(9, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("is used by the active generation"), refused.err());

    String host = Files.readString(config.resolve("hosts/laptop.toml"));
    Files.writeString(config.resolve("hosts/laptop.toml"), host.substring(0, host.indexOf("\n[programs.hello]")));
    apply().ok();
    assertFalse(Files.exists(home.resolve(".hello")));
    statectl.run("plugin", "remove", "hello", "--config", config.toString()).ok();
    assertFalse(Files.readString(config.resolve("statectl.lock")).contains("hello"));
    assertFalse(Files.exists(installedJar, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    String history = statectl.run("history").ok().out();
    assertTrue(history.contains("PluginInstalled") && history.contains("PluginRemoved"), history);
  }

  @Test
  void pinnedButMissingPlugin_isInstalledFromItsSource_unpinnedIsNotLoaded() throws Exception {
    statectl.run("plugin", "install", PluginJars.HELLO.toString(), "--config", config.toString()).ok();
    Files.writeString(config.resolve("hosts/laptop.toml"), Files.readString(config.resolve("hosts/laptop.toml"))
        + "\n[programs.hello]\nenable = true\n");
    Statectl other = new Statectl(tmp.resolve("other-state"));
    Statectl.Result r = other.run("apply", "--config", config.toString(), "--host", "laptop", "--home",
        Files.createDirectories(tmp.resolve("home2")).toString()).ok();
    assertTrue(r.err().contains("installing plugin hello@1.0.0 pinned by"), r.err());

    Path unpinned = tmp.resolve("unpinned");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), unpinned);
    Files.writeString(unpinned.resolve("hosts/laptop.toml"), Files.readString(unpinned.resolve("hosts/laptop.toml"))
        + "\n[programs.hello]\nenable = true\n");
    Statectl.Result notLoaded = other.run("check", "--config", unpinned.toString(), "--host", "laptop");
    assertEquals(3, notLoaded.exit(), notLoaded.toString());
    assertTrue(notLoaded.err().contains("unknown option 'programs.hello'"), notLoaded.err());
    assertTrue(notLoaded.err().contains("not pinned"), notLoaded.err());
  }

  @Test
  void pinnedPluginWhoseSourceIsGone_stopsBeforeEvaluationWithTheInstallCommand() throws Exception {
    Path copy = Files.copy(PluginJars.HELLO, tmp.resolve("hello.jar"));
    new Statectl(tmp.resolve("scratch")).run("plugin", "install", copy.toString(), "--config", config.toString()).ok();
    Files.delete(copy);
    Statectl.Result r = apply();
    assertEquals(9, r.exit(), r.toString());
    assertTrue(r.err().contains("run: statectl plugin install " + copy + " --sha256 "), r.err());
    assertFalse(Files.exists(statectl.stateDir()), "nothing evaluated or recorded");
  }

  @Test
  void upgrade_replacesTheVersion_andRollbackKeepsTheOldGeneration() throws Exception {
    Path v2 = PluginJars.variant(tmp, "hello-2.jar", Map.of("Plugin-Version", "2.0.0"), true);
    statectl.run("plugin", "install", PluginJars.HELLO.toString(), "--config", config.toString()).ok();
    Files.writeString(config.resolve("hosts/laptop.toml"), Files.readString(config.resolve("hosts/laptop.toml"))
        + "\n[programs.hello]\nenable = true\n");
    apply().ok();
    statectl.run("plugin", "upgrade", "hello", v2.toString(), "--config", config.toString()).ok();
    assertTrue(Files.readString(config.resolve("statectl.lock")).contains("version = \"2.0.0\""));
    Files.writeString(config.resolve("hosts/laptop.toml"), Files.readString(config.resolve("hosts/laptop.toml"))
        + "greeting = \"Hi\"\n");
    apply().ok();
    String gens = statectl.run("generations", "--json").ok().out();
    assertTrue(gens.contains("hello@1.0.0") && gens.contains("hello@2.0.0"), gens);
    statectl.run("rollback").ok();
    assertEquals("Hello, laptop!\n", Files.readString(home.resolve(".hello")), "generation 1, built with v1, is back");
  }

  static Stream<Arguments> badPlugins() {
    return Stream.of(
        Arguments.of("wrong hash", "hash mismatch", Map.of(), "0000000000000000000000000000000000000000000000000000000000000000"),
        Arguments.of("corrupt zip", "is not a valid jar", null, null),
        Arguments.of("missing descriptor", "has no plugin descriptor", nulls("Plugin-Id", "Plugin-Version"), null),
        Arguments.of("API range excludes ours", "requires plugin-api >=9.0.0", Map.of("Plugin-Requires", ">=9.0.0"), null),
        Arguments.of("class fails to load", "failed", Map.of("Plugin-Id", "broken", "Plugin-Class", "com.example.hello.Missing"), null),
        Arguments.of("option in another namespace", "outside its namespace 'programs.other'",
            Map.of("Plugin-Id", "other", "Plugin-Namespace", "programs.other"), null),
        Arguments.of("duplicate id with another version", "already installed in version 1.0.0",
            Map.of("Plugin-Version", "1.5.0"), null));
  }

  static Map<String, String> nulls(String... keys) {
    Map<String, String> m = new HashMap<>();
    for (String k : keys) {
      m.put(k, null);
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPlugins")
  void badPlugin_isRefusedClearly_andChangesNothing(String name, String phrase, Map<String, String> manifest,
      String sha) throws Exception {
    statectl.run("plugin", "install", PluginJars.HELLO.toString(), "--config", config.toString()).ok();
    Path jar;
    if (manifest == null) {
      jar = tmp.resolve("corrupt.jar");
      Files.write(jar, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
    } else {
      jar = PluginJars.variant(tmp, "variant.jar", manifest, true);
    }
    Map<String, String> lock = Trees.picture(config.resolve("statectl.lock").getParent().resolve("statectl.lock"));
    String lockText = Files.readString(config.resolve("statectl.lock"));
    String plugins = statectl.run("plugin", "list", "--json").ok().out();
    String history = statectl.run("history").ok().out();

    Statectl.Result r = sha == null
        ? statectl.run("plugin", "install", jar.toString(), "--config", config.toString())
        : statectl.run("plugin", "install", jar.toString(), "--sha256", sha, "--config", config.toString());
    assertEquals(9, r.exit(), r.toString());
    assertTrue(r.err().contains(phrase), name + ": expected '" + phrase + "' in\n" + r.err());
    assertTrue(r.err().contains("hint: "), r.err());
    assertEquals(lockText, Files.readString(config.resolve("statectl.lock")), "lock file unchanged");
    assertEquals(plugins, statectl.run("plugin", "list", "--json").ok().out(), "installed plugins unchanged");
    assertEquals(history, statectl.run("history").ok().out(), "nothing recorded");
    assertTrue(lock.size() == 1);
  }

  @Test
  void urlInstall_needsAHash() {
    Statectl.Result r = statectl.run("plugin", "install", "https://plugins.example.invalid/hello.jar");
    assertEquals(9, r.exit(), r.toString());
    assertTrue(r.err().contains("installing from a URL needs the expected hash"), r.err());
  }
}
