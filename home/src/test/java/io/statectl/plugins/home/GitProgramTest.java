package io.statectl.plugins.home;

import io.statectl.testing.RequiredTool;
import static io.statectl.plugins.home.Configs.bool;
import static io.statectl.plugins.home.Configs.context;
import static io.statectl.plugins.home.Configs.integer;
import static io.statectl.plugins.home.Configs.list;
import static io.statectl.plugins.home.Configs.problems;
import static io.statectl.plugins.home.Configs.str;
import static io.statectl.plugins.home.Configs.strings;
import static io.statectl.plugins.home.Configs.table;
import static io.statectl.plugins.home.Configs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProgramTest {
  private final GitProgram git = new GitProgram();

  private ModuleContribution contribute(Object... options) {
    Object[] all = new Object[options.length + 2];
    all[0] = "enable";
    all[1] = bool(true);
    System.arraycopy(options, 0, all, 2, options.length);
    return git.contribute(context(table(all)));
  }

  private Configs.Run gitConfig(Path dir, String config, String... args) throws Exception {
    Path f = dir.resolve("config");
    Files.writeString(f, config);
    String[] command = new String[args.length + 4];
    command[0] = "git";
    command[1] = "config";
    command[2] = "--file";
    command[3] = f.toString();
    System.arraycopy(args, 0, command, 4, args.length);
    return Configs.run(Map.of("HOME", dir.toString(), "PATH", "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM", "1"), dir, command);
  }

  @Test
  void typedOptionsAndExtraConfig_readBackByGitItself(@TempDir Path dir) throws Exception {
    RequiredTool.require("git", "git");
    ModuleContribution c = contribute("userName", str("Alice \"Al\" Example"), "userEmail", str("alice@example.org"),
        "aliases", table("lg", str("log --graph --oneline # short"), "amend", str("!git commit --amend; echo 'done'")),
        "ignores", strings("*.swp", ".direnv/"),
        "extraConfig", table(
            "core", table("editor", str("vim"), "autocrlf", bool(false), "abbrev", integer(12)),
            "url", table("git@github.com:", table("insteadOf", str("https://github.com/"))),
            "includeIf", table("gitdir:~/work/", table("path", str("~/.config/git/work"))),
            "odd", table("spaces", str("  padded  "), "slashes", str("C:\\dir\\"), "lines", str("a\nb\tc"),
                "semi", str("x;y")),
            "remote", table("origin", table("fetch", strings("+refs/heads/*:refs/remotes/origin/*",
                "+refs/tags/*:refs/tags/*"))),
            "section-with-dash", table("key-1", str("v"))));
    assertTrue(c.problems().isEmpty(), problems(c));
    String config = texts(c).get(GitProgram.CONFIG_FILE);
    assertTrue(config.contains("[core]\n\tabbrev = 12\n\tautocrlf = false\n\teditor = vim\n"), config);
    assertTrue(config.contains("[url \"git@github.com:\"]\n\tinsteadOf = https://github.com/\n"), config);

    Configs.Run r = gitConfig(dir, config, "--list");
    assertEquals(0, r.exit(), r.err());
    List<String> expected = List.of(
        "alias.amend=!git commit --amend; echo 'done'",
        "alias.lg=log --graph --oneline # short",
        "core.abbrev=12",
        "core.autocrlf=false",
        "core.editor=vim",
        "includeif.gitdir:~/work/.path=~/.config/git/work",
        "odd.lines=a",
        "b\tc",
        "odd.semi=x;y",
        "odd.slashes=C:\\dir\\",
        "odd.spaces=  padded  ",
        "remote.origin.fetch=+refs/heads/*:refs/remotes/origin/*",
        "remote.origin.fetch=+refs/tags/*:refs/tags/*",
        "section-with-dash.key-1=v",
        "url.git@github.com:.insteadof=https://github.com/",
        "user.email=alice@example.org",
        "user.name=Alice \"Al\" Example");
    // git lists in file order; the file is sorted by section, so compare in that order
    assertEquals(expected.stream().sorted().toList(), r.out().lines().sorted().toList(), r.out());
    assertEquals("  padded  \n", gitConfig(dir, config, "--get", "odd.spaces").out());
    assertEquals("a\nb\tc\n", gitConfig(dir, config, "--get", "odd.lines").out());
    assertEquals(".direnv/", texts(c).get(GitProgram.IGNORE_FILE).lines().toList().get(2));
  }

  @Test
  void badNames_areProblemsAtTheirDefinition() {
    ConfigValue badKey = str("x");
    ConfigValue badAlias = str("y");
    ConfigValue deep = table("c", str("z"));
    ConfigTable badSection = table("k", str("v"));
    ModuleContribution c = contribute("aliases", table("1st", badAlias),
        "extraConfig", table("core", table("my_key", badKey), "a.b", badSection,
            "url", table("x", table("deeper", deep)), "plain", str("scalar")));
    String all = problems(c);
    assertEquals(5, c.problems().size(), all);
    assertTrue(c.problems().stream().anyMatch(p -> p.location().equals(badKey.location())
        && p.message().contains("'my_key' is not a git config key")), all);
    assertTrue(c.problems().stream().anyMatch(p -> p.location().equals(badAlias.location())
        && p.message().contains("'1st' is not a git config key")), all);
    assertTrue(c.problems().stream().anyMatch(p -> p.location().equals(badSection.location())
        && p.message().contains("'a.b' is not a git section name")), all);
    assertTrue(c.problems().stream().anyMatch(p -> p.location().equals(deep.location())
        && p.message().contains("nests only section and subsection")), all);
    assertTrue(all.contains("plain: expected a table of keys, got string"), all);
    assertTrue(c.entries().isEmpty());
  }

  @Test
  void aVariableSetByATypedOptionAndExtraConfig_isAProblemNamingBoth() {
    ConfigValue typed = str("Alice");
    ConfigValue extra = str("Bob");
    ModuleContribution c = contribute("userName", typed, "extraConfig", table("user", table("Name", extra)));
    assertEquals(1, c.problems().size(), problems(c));
    assertEquals(extra.location(), c.problems().get(0).location());
    assertTrue(c.problems().get(0).message().contains("user.Name is set twice: here and at " + typed.location()),
        problems(c));
  }

  @Test
  void listsOfTables_andControlCharacters_areProblems() {
    ModuleContribution c = contribute("extraConfig", table("core", table("x", list(table()), "y", str("a\u0001b"))));
    assertEquals(2, c.problems().size(), problems(c));
  }

  @Test
  void valueQuoting_followsGitConfigRules() {
    assertEquals("plain value", GitConfig.value("plain value"));
    assertEquals("\"a # b\"", GitConfig.value("a # b"));
    assertEquals("\"a ; b\"", GitConfig.value("a ; b"));
    assertEquals("\" lead\"", GitConfig.value(" lead"));
    assertEquals("say \\\"hi\\\" \\\\o/", GitConfig.value("say \"hi\" \\o/"));
  }
}
