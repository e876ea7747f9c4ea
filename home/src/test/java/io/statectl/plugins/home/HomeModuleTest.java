package io.statectl.plugins.home;

import io.statectl.testing.RequiredTool;
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

import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.UserProfile;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeModuleTest {
  private final HomeModule module = new HomeModule();

  /** The home table as the kernel hands it over: every declared default filled in, then {@code set}. */
  static ConfigTable home(Object... set) {
    Map<String, ConfigValue> m = new LinkedHashMap<>();
    m.put(HomeModule.DIRECTORY, Defaults.of(""));
    m.put(HomeModule.PACKAGES, Defaults.emptyList());
    m.put(HomeModule.PRIORITIES, Defaults.emptyTable());
    m.put(HomeModule.SESSION_VARIABLES, Defaults.emptyTable());
    m.put(HomeModule.SESSION_PATH, Defaults.emptyList());
    m.put(HomeModule.SHELL_ALIASES, Defaults.emptyTable());
    m.put(HomeModule.FILE, Defaults.emptyTable());
    for (int i = 0; i < set.length; i += 2) {
      m.put((String) set[i], (ConfigValue) set[i + 1]);
    }
    return new ConfigTable(m, Defaults.LOCATION);
  }

  @Test
  void withoutUsername_andNothingElseSet_contributesNothing() {
    ModuleContribution c = module.contribute(context(home()));
    assertTrue(c.entries().isEmpty());
    assertTrue(c.problems().isEmpty(), problems(c));
  }

  @Test
  void withoutUsername_anotherHomeOption_isAProblemAtThatOption() {
    ConfigValue packages = strings("ripgrep");
    ModuleContribution c = module.contribute(context(home(HomeModule.PACKAGES, packages)));
    assertEquals(1, c.problems().size(), problems(c));
    ConfigProblem p = c.problems().get(0);
    assertEquals(packages.location(), p.location());
    assertTrue(p.message().contains("home.* needs home.username"), p.message());
    assertTrue(p.hint().contains("home.username = \"alice\""), p.hint());
    assertTrue(c.entries().isEmpty());
  }

  @Test
  void profile_listsPackagesInOrder_withPrioritiesAndTheirListItemLocations() {
    ConfigString rg = str("ripgrep");
    ConfigString fd = str("fd");
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.PACKAGES, list(rg, fd, str("ripgrep")),
        HomeModule.PRIORITIES, table("fd", integer(3)))));
    assertTrue(c.problems().isEmpty(), problems(c));
    UserProfile profile = (UserProfile) c.entries().get(0);
    assertEquals("alice", profile.username());
    assertEquals(".statectl-profile", profile.link());
    assertEquals(List.of(new UserProfile.Package("ripgrep", UserProfile.Package.DEFAULT_PRIORITY, rg.location()),
        new UserProfile.Package("fd", 3, fd.location())), profile.packages());
  }

  @Test
  void priorityOfAPackageNotListed_isAProblemWithDidYouMean() {
    ConfigValue typo = integer(1);
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.PACKAGES, strings("ripgrep"), HomeModule.PRIORITIES, table("ripgrpe", typo))));
    assertEquals(1, c.problems().size(), problems(c));
    assertEquals(typo.location(), c.problems().get(0).location());
    assertTrue(c.problems().get(0).message().contains("'ripgrpe' is not in home.packages"), problems(c));
    assertEquals("did you mean 'ripgrep'?", c.problems().get(0).hint());
    assertTrue(c.entries().isEmpty(), "a contribution with problems is never built");
  }

  @Test
  void homeFiles_becomeHomeFiles_withTheDotfilesChecks() {
    ConfigTable files = table(".inputrc", table("text", str("set editing-mode vi\n"), "executable", Configs.bool(false)),
        "bin/x", table("source", str("files/x"), "executable", Configs.bool(true)));
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"), HomeModule.FILE, files)));
    assertTrue(c.problems().isEmpty(), problems(c));
    assertTrue(c.entries().contains(new HomeFile(".inputrc", new FileContent.Text("set editing-mode vi\n"),
        FileMode.REGULAR, files.entries().get(".inputrc").location())));
    assertTrue(c.entries().contains(new HomeFile("bin/x", new FileContent.RepositoryFile("files/x"),
        FileMode.EXECUTABLE, files.entries().get("bin/x").location())));

    ModuleContribution bad = module.contribute(context(home(HomeModule.USERNAME, str("alice"), HomeModule.FILE,
        table("~/.x", table("text", str("x")), "../y", table("text", str("y")), "z", table(),
            HomeLayout.SESSION_VARS, table("text", str("export A=1"))))));
    String all = problems(bad);
    assertEquals(4, bad.problems().size(), all);
    assertTrue(all.contains("write \".x\""), all);
    assertTrue(all.contains("not a plain relative path"), all);
    assertTrue(all.contains("needs a source or a text"), all);
    assertTrue(all.contains("statectl generates ~/.config/statectl/session-vars.sh itself"), all);
  }

  @Test
  void sessionFile_isGuarded_sorted_andQuoted() {
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.SESSION_VARIABLES, table("PAGER", str("less -R"), "EDITOR", str("vim"), "GOPATH", str("$HOME/go")),
        HomeModule.SESSION_PATH, strings("$HOME/.local/bin", "/opt/my tools/bin"))));
    assertTrue(c.problems().isEmpty(), problems(c));
    String sh = texts(c).get(HomeLayout.SESSION_VARS);
    assertTrue(sh.contains("if [ -n \"${__STATECTL_SESS_VARS_SOURCED:-}\" ]; then return; fi\n"
        + "export __STATECTL_SESS_VARS_SOURCED=1\n"
        + "export EDITOR='vim'\n"
        + "export GOPATH=\"$HOME/go\"\n"
        + "export PAGER='less -R'\n"), sh);
    assertTrue(sh.contains("export PATH=\"$HOME/.statectl-profile/bin:$HOME/.local/bin:/opt/my tools/bin${PATH:+:$PATH}\""),
        sh);
  }

  /** The quoting rule, checked by the shell that reads the file: values come back byte for byte. */
  @Test
  void sessionFile_roundTripsAwkwardValues_throughARealSh(@TempDir Path home) throws Exception {
    RequiredTool.require("sh", "dash");
    Map<String, String> values = new LinkedHashMap<>();
    values.put("QUOTES", "it's \"quoted\" `not run` $(not run) $NOT_EXPANDED \\ back");
    values.put("LINES", "two\nlines");
    values.put("GLOB", "*");
    values.put("TILDE", "~/x");
    values.put("HOMEBREW", "$HOMEBREW_PREFIX/bin");
    values.put("UNDER_HOME", "$HOME/it's here");
    values.put("BRACED", "${HOME}");
    ConfigTable vars = table(values.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(),
        (Object) str(e.getValue()))).toArray());
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.SESSION_VARIABLES, vars, HomeModule.SESSION_PATH, strings("/o'dd/$x"))));
    assertTrue(c.problems().isEmpty(), problems(c));
    Configs.layOut(home, c);
    StringBuilder script = new StringBuilder(". \"$HOME/" + HomeLayout.SESSION_VARS + "\"\n");
    for (String k : values.keySet()) {
      script.append("printf '%s\\0' \"$").append(k).append("\"\n");
    }
    script.append("printf '%s\\0' \"$PATH\"\n");
    Configs.Run r = Configs.run(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"), home, "sh", "-c",
        script.toString());
    assertEquals(0, r.exit(), r.err());
    String[] got = r.out().split("\0", -1);
    int i = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String expected = e.getKey().equals("UNDER_HOME") ? home + "/it's here"
          : e.getKey().equals("BRACED") ? home.toString() : e.getValue();
      assertEquals(expected, got[i++], e.getKey());
    }
    assertEquals(home + "/.statectl-profile/bin:/o'dd/$x:/usr/bin:/bin", got[i]);
  }

  @Test
  void badSessionVariables_areProblemsAtTheirDefinition() {
    ConfigValue table = table("a", str("b"));
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.SESSION_VARIABLES, table("1BAD", str("x"), "NESTED", table, "PATH", str("/x")),
        HomeModule.SESSION_PATH, strings("/a:/b"))));
    assertEquals(4, c.problems().size(), problems(c));
    assertTrue(c.problems().stream().anyMatch(p -> p.location().equals(table.location())
        && p.message().contains("expected a string, number or bool, got table")), problems(c));
    assertTrue(problems(c).contains("not an environment variable name"), problems(c));
    assertTrue(problems(c).contains("list directories in home.sessionPath"), problems(c));
    assertTrue(problems(c).contains("is not one directory"), problems(c));
  }

  @Test
  void scalarSessionValues_becomeText() {
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.SESSION_VARIABLES, table("N", integer(3), "B", Configs.bool(true), "F", Configs.floating(1.5)))));
    String sh = texts(c).get(HomeLayout.SESSION_VARS);
    assertTrue(sh.contains("export B='true'\nexport F='1.5'\nexport N='3'\n"), sh);
  }

  @Test
  void badAliasName_isAProblem() {
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.SHELL_ALIASES, table("ll", str("ls -l"), "a b", str("x"), "-x", str("y")))));
    assertEquals(2, c.problems().size(), problems(c));
  }

  @Test
  void homeSecrets_resolveTheirAgeFiles_soAMissingOneIsLocated_andTheReservedKeysAreNotSecrets() {
    ConfigTable secrets = table("token", table("file", str("../secrets/token.age")),
        "recipients", table("alice", str("age1x")), "identity", str("~/.config/age/keys.txt"));
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"), HomeModule.SECRETS,
        secrets)));
    assertEquals(1, c.problems().size(), problems(c));
    assertTrue(problems(c).contains("home.secrets.token.file: ../secrets/token.age does not exist"), problems(c));
    assertEquals(((ConfigTable) secrets.entries().get("token")).entries().get("file").location(),
        c.problems().get(0).location());
  }

  @Test
  void declaresItsOptions() {
    OptionType.Submodule s = (OptionType.Submodule) module.options().type();
    assertEquals(List.of("username", "directory", "packages", "packagePriorities", "sessionVariables", "sessionPath",
        "shellAliases", "file", "secrets"), List.copyOf(s.options().keySet()));
    assertTrue(s.options().get("username").defaultValue().isEmpty());
    assertEquals("home", module.namespace());
  }

  @Test
  void relativeDirectory_isAProblem() {
    ModuleContribution c = module.contribute(context(home(HomeModule.USERNAME, str("alice"),
        HomeModule.DIRECTORY, str("home/alice"))));
    assertEquals(1, c.problems().size(), problems(c));
    assertTrue(c.problems().get(0).hint().contains("/home/alice"));
    assertTrue(Files.isDirectory(Path.of("/")));
  }
}
