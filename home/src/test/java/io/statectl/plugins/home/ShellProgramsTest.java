package io.statectl.plugins.home;

import io.statectl.testing.RequiredTool;
import static io.statectl.plugins.home.Configs.bool;
import static io.statectl.plugins.home.Configs.context;
import static io.statectl.plugins.home.Configs.problems;
import static io.statectl.plugins.home.Configs.str;
import static io.statectl.plugins.home.Configs.strings;
import static io.statectl.plugins.home.Configs.table;
import static io.statectl.plugins.home.Configs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bash, zsh and fish read the rendered files from a temporary home, as a user's login would. */
class ShellProgramsTest {
  @TempDir Path home;
  private Map<String, ConfigValue> options;

  @BeforeEach
  void configuration() {
    ConfigTable homeTable = HomeModuleTest.home(HomeModule.USERNAME, str("alice"),
        HomeModule.SESSION_VARIABLES, table("EDITOR", str("vim"), "GOPATH", str("$HOME/go"), "GREETING", str("it's me")),
        HomeModule.SESSION_PATH, strings("$HOME/.local/bin", "/opt/tools/bin"),
        HomeModule.SHELL_ALIASES, table("ll", str("ls -l"), "say", str("echo 'hi there'")));
    options = new HashMap<>();
    homeTable.entries().forEach((k, v) -> options.put("home." + k, v));
    options.put("home", homeTable);
  }

  private ModuleContribution program(ProgramModule m, ConfigValue config) {
    ModuleContribution c = m.contribute(context(config, options));
    assertTrue(c.problems().isEmpty(), problems(c));
    return c;
  }

  private void layOutHome(ModuleContribution... programs) throws Exception {
    ModuleContribution homeFiles = new HomeModule().contribute(context(options.get("home")));
    assertTrue(homeFiles.problems().isEmpty(), problems(homeFiles));
    Configs.layOut(home, homeFiles);
    Configs.layOut(home, programs);
    Path hello = home.resolve(".statectl-profile/bin/hello");
    Files.createDirectories(hello.getParent());
    Files.writeString(hello, "#!/bin/sh\necho hello from the profile\n");
    Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Map<String, String> env() {
    return Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "TERM", "dumb");
  }

  private String expectedPathPrefix() {
    return home + "/.statectl-profile/bin:" + home + "/.local/bin:/opt/tools/bin:";
  }

  @Test
  void bashLogin_putsTheProfileFirst_runsItsPrograms_andExportsTheSession() throws Exception {
    RequiredTool.require("bash", "bash");
    layOutHome(program(new BashProgram(), table("enable", bool(true))));
    Configs.Run r = Configs.run(env(), home, "bash", "-lc", "echo \"$PATH\"; hello; echo \"$GOPATH|$GREETING\"");
    assertEquals(0, r.exit(), r.err());
    List<String> out = r.out().lines().toList();
    assertTrue(out.get(0).startsWith(expectedPathPrefix()), out.get(0));
    assertEquals("hello from the profile", out.get(1));
    assertEquals(home + "/go|it's me", out.get(2));
  }

  @Test
  void bashLogin_inheritingTheGuard_stillHasTheProfileOnPath() throws Exception {
    RequiredTool.require("bash", "bash");
    layOutHome(program(new BashProgram(), table("enable", bool(true))));
    Map<String, String> env = new HashMap<>(env());
    env.put(HomeLayout.GUARD, "1");
    Configs.Run r = Configs.run(env, home, "bash", "-lc", "hello");
    assertEquals("hello from the profile\n", r.out(), r.err());
  }

  @Test
  void bashInteractive_hasTheAliases_andTheExtras() throws Exception {
    RequiredTool.require("bash", "bash");
    layOutHome(program(new BashProgram(), table("enable", bool(true), "initExtra", str("EXTRA_RAN=yes"),
        "profileExtra", str("PROFILE_RAN=yes"))));
    Configs.Run r = Configs.run(env(), home, "bash", "-lic", "alias; echo \"$EXTRA_RAN $PROFILE_RAN\"; say");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("alias ll='ls -l'\n"), r.out());
    assertTrue(r.out().contains("yes yes\n"), r.out());
    assertTrue(r.out().contains("hi there\n"), r.out());
    Configs.Run plain = Configs.run(env(), home, "bash", "-lc", "alias; echo \"[$EXTRA_RAN]\"");
    assertEquals("[]\n", plain.out(), "non-interactive shells get no aliases or initExtra");
  }

  @Test
  void zshLogin_andInteractive() throws Exception {
    RequiredTool.require("zsh", "zsh");
    layOutHome(program(new ZshProgram(), table("enable", bool(true), "initExtra", str("EXTRA_RAN=yes"))));
    Configs.Run r = Configs.run(env(), home, "zsh", "-lc", "echo \"$PATH\"; hello; echo \"$GOPATH\"");
    assertEquals(0, r.exit(), r.err());
    List<String> out = r.out().lines().toList();
    assertTrue(out.get(0).startsWith(expectedPathPrefix()), out.get(0));
    assertEquals("hello from the profile", out.get(1));
    assertEquals(home + "/go", out.get(2));
    Configs.Run i = Configs.run(env(), home, "zsh", "-ic", "alias; echo \"$EXTRA_RAN\"; say");
    assertTrue(i.out().contains("ll='ls -l'\n"), i.out() + i.err());
    assertTrue(i.out().contains("yes\nhi there\n"), i.out() + i.err());
  }

  @Test
  void fishLogin_andInteractive() throws Exception {
    RequiredTool.require("fish", "fish");
    layOutHome(program(new FishProgram(), table("enable", bool(true), "initExtra", str("set -g EXTRA_RAN yes"))));
    Configs.Run r = Configs.run(env(), home, "fish", "-lc", "string join : $PATH; hello; echo \"$GOPATH|$GREETING\"");
    assertEquals(0, r.exit(), r.err());
    List<String> out = r.out().lines().toList();
    assertTrue(out.get(0).startsWith(expectedPathPrefix()), out.get(0));
    assertEquals("hello from the profile", out.get(1));
    assertEquals(home + "/go|it's me", out.get(2));
    Configs.Run i = Configs.run(env(), home, "fish", "-ic", "alias; echo $EXTRA_RAN; say");
    assertEquals(0, i.exit(), i.err());
    assertTrue(i.out().contains("alias ll 'ls -l'"), i.out());
    assertTrue(i.out().contains("yes\nhi there\n"), i.out());
  }

  @Test
  void starship_startsInEveryEnabledShell_onlyWhenEnabled() {
    ConfigTable enabled = table("enable", bool(true));
    Map<String, String> without = new HashMap<>();
    without.putAll(texts(program(new BashProgram(), enabled)));
    without.putAll(texts(program(new ZshProgram(), enabled)));
    without.putAll(texts(program(new FishProgram(), enabled)));
    assertFalse(String.join("", without.values()).contains("starship"));

    options.put("programs.starship", table("enable", bool(true)));
    Map<String, String> with = new HashMap<>();
    with.putAll(texts(program(new BashProgram(), enabled)));
    with.putAll(texts(program(new ZshProgram(), enabled)));
    with.putAll(texts(program(new FishProgram(), enabled)));
    assertTrue(with.get(".bashrc").contains("eval \"$(starship init bash)\""));
    assertTrue(with.get(".zshrc").contains("eval \"$(starship init zsh)\""));
    assertTrue(with.get(".config/fish/config.fish").contains("starship init fish | source"));
  }

  @Test
  void starshipInit_isHarmlessWhenStarshipIsMissing() throws Exception {
    RequiredTool.require("bash", "bash");
    assumeTrue(!RequiredTool.onPath("starship"), "starship is installed: this test checks the prompt without it");
    options.put("programs.starship", table("enable", bool(true)));
    layOutHome(program(new BashProgram(), table("enable", bool(true))));
    Configs.Run r = Configs.run(env(), home, "bash", "-lic", "echo ok");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("starship"), r.err());
  }

  @Test
  void disabledProgram_writesNothing() {
    for (ProgramModule m : List.of(new BashProgram(), new ZshProgram(), new FishProgram(), new GitProgram(),
        new SshProgram(), new StarshipProgram())) {
      ModuleContribution c = m.contribute(context(table("enable", bool(false)), options));
      assertTrue(c.entries().isEmpty() && c.problems().isEmpty(), m.namespace());
      assertTrue(m.namespace().startsWith("programs."), m.namespace());
    }
  }
}
