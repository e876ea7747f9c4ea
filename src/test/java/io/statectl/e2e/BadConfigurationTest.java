package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad configuration gives a one-screen error with file:line:column and a hint, and leaves
 * the state directory and the home byte-for-byte as they were — on a fresh machine and on one
 * with history.
 */
class BadConfigurationTest {
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

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("malformed TOML", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n[files.\"a\"]\ntext = \"unterminated\n",
            "hosts/desktop.toml:3:21", "TOML syntax error"),
        Arguments.of("unknown top-level option", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n\n[filez.\"a\"]\ntext = \"x\"\n",
            "hosts/desktop.toml:3:1", "unknown option 'filez'"),
        Arguments.of("unknown key of a file", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n[files.\"a\"]\ntext = \"x\"\nexecutible = true\n",
            "hosts/desktop.toml:4:1", "did you mean 'files.a.executable'?"),
        Arguments.of("missing source file", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n[files.\"a\"]\nsource = \"../files/nope\"\n",
            "hosts/desktop.toml:3:1", "files.a.source: file not found: files/nope"),
        Arguments.of("import cycle", "modules/common.toml",
            "imports = [\"../hosts/desktop.toml\"]\n",
            "modules/common.toml:1:12", "import cycle: hosts/desktop.toml -> modules/common.toml -> hosts/desktop.toml"),
        Arguments.of("missing import", "hosts/desktop.toml",
            "imports = [\"../modules/nope.toml\"]\n",
            "hosts/desktop.toml:1:12", "imported file not found: modules/nope.toml"),
        Arguments.of("wrong type", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n[files.\"a\"]\ntext = \"x\"\nexecutable = \"yes\"\n",
            "hosts/desktop.toml:4:1", "expected bool, got string"),
        Arguments.of("path escaping the home", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n[files.\"../outside\"]\ntext = \"x\"\n",
            "hosts/desktop.toml:2:1", "not a plain relative path inside the home"),
        Arguments.of("source and text together", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n[files.\"a\"]\nsource = \"../files/gitconfig\"\ntext = \"x\"\n",
            "hosts/desktop.toml:4:1", "sets both source"),
        Arguments.of("conflicting definitions across files", "hosts/desktop.toml",
            "imports = [\"../modules/common.toml\"]\n[files.\".gitconfig\"]\nsource = \"../files/bashrc\"\n",
            "hosts/desktop.toml:3:1", "conflicting definitions of files.\".gitconfig\".source"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badConfig_onFreshMachine_isLocatedAndChangesNothing(String name, String file, String text, String location,
      String phrase) {
    Trees.write(config.resolve(file), text);
    assertRejected(location, phrase);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badConfig_withHistory_isLocatedAndChangesNothing(String name, String file, String text, String location,
      String phrase) {
    statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home", home.toString()).ok();
    Trees.write(config.resolve(file), text);
    assertRejected(location, phrase);
  }

  private void assertRejected(String location, String phrase) {
    Map<String, String> state = Trees.picture(statectl.stateDir());
    Map<String, String> before = Trees.picture(home);
    Statectl.Result r = statectl.run("apply", "--config", config.toString(), "--host", "desktop", "--home",
        home.toString());
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.err().contains(location + ": "), "expected location " + location + " in:\n" + r.err());
    assertTrue(r.err().contains(phrase), "expected '" + phrase + "' in:\n" + r.err());
    assertTrue(r.err().contains("hint: "), r.err());
    assertTrue(r.err().lines().count() <= 24, "fits one screen:\n" + r.err());
    assertEquals(state, Trees.picture(statectl.stateDir()), "state directory unchanged");
    assertEquals(before, Trees.picture(home), "home unchanged");
  }
}
