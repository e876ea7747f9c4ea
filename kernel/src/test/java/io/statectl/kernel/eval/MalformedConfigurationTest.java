package io.statectl.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.module.ConfigProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and conflicting configurations: each must fail with a problem at the exact
 * file:line:column, whose message holds the key phrase, with a hint. (The end-to-end
 * BadConfigurationTest proves the CLI leaves state and home untouched on such failures.)
 */
class MalformedConfigurationTest {
  static final String H = "hosts/h.toml";
  static final String M = "modules/m.toml";

  /** A case: host file text, optional module file text, expected location and phrase. */
  static Arguments c(String name, String host, String module, String location, String phrase) {
    return Arguments.of(name, host, module, location, phrase);
  }

  static Stream<Arguments> cases() {
    List<Arguments> l = new ArrayList<>();
    // TOML syntax
    l.add(c("unterminated string", "[demo]\nname = \"abc\n", null, H + ":2:12", "TOML syntax error"));
    l.add(c("missing value", "[demo]\nname =\n", null, H + ":2:7", "TOML syntax error"));
    l.add(c("duplicate key", "[demo]\nname = \"a\"\nname = \"b\"\n", null, H + ":3:1", "TOML syntax error"));
    l.add(c("bad table header", "[demo\nname = \"a\"\n", null, H + ":1:6", "TOML syntax error"));
    l.add(c("duplicate table", "[demo]\nname = \"a\"\n[demo]\ncount = 1\n", null, H + ":3:1", "TOML syntax error"));
    l.add(c("syntax error in module", "imports = [\"../modules/m.toml\"]\n", "[demo]\ncount = = 1\n", M + ":2:9", "TOML syntax error"));
    l.add(c("bare word value", "[demo]\nname = hello\n", null, H + ":2:8", "TOML syntax error"));
    // unknown options
    l.add(c("unknown namespace", "[demoo]\nname = \"a\"\n", null, H + ":1:1", "did you mean 'demo'?"));
    l.add(c("unknown option", "[demo]\nnmae = \"a\"\n", null, H + ":2:1", "did you mean 'demo.name'?"));
    l.add(c("unknown nested option", "[demo.nested]\nlevle = 2\n", null, H + ":2:1", "did you mean 'demo.nested.level'?"));
    l.add(c("unknown option in attrs-of-submodule", "[demo.hosts.web]\naddress = \"x\"\nprot = 1\n", null, H + ":3:1", "did you mean 'demo.hosts.web.port'?"));
    l.add(c("unknown option without suggestion", "[demo]\nzzzzzzzz = 1\n", null, H + ":2:1", "unknown option 'demo.zzzzzzzz'"));
    l.add(c("unknown system option", "[system]\nhostnmae = \"x\"\n", null, H + ":2:1", "did you mean 'system.hostname'?"));
    l.add(c("unknown option in module file", "imports = [\"../modules/m.toml\"]\n", "[demo]\n\nenabel = true\n", M + ":3:1", "did you mean 'demo.enable'?"));
    l.add(c("unknown option inside a condition that does not apply", "[when.darwin.demo]\nshel = \"zsh\"\n", null, H + ":2:1", "did you mean 'demo.shell'?"));
    l.add(c("unknown option inside forced section", "[force.demo]\ncont = 1\n", null, H + ":2:1", "did you mean 'demo.count'?"));
    l.add(c("unknown option inside defaults", "[defaults.demo]\ntag = []\n", null, H + ":2:1", "did you mean 'demo.tags'?"));
    // type mismatches
    l.add(c("bool given a string", "[demo]\nenable = \"yes\"\n", null, H + ":2:1", "demo.enable: expected bool, got string"));
    l.add(c("bool given an int", "[demo]\nenable = 1\n", null, H + ":2:1", "expected bool, got int"));
    l.add(c("int given a string", "[demo]\ncount = \"3\"\n", null, H + ":2:1", "demo.count: expected int between 0 and 10, got string"));
    l.add(c("int given a float", "[demo]\ncount = 1.5\n", null, H + ":2:1", "got float"));
    l.add(c("int above range", "[demo]\ncount = 11\n", null, H + ":2:1", "expected int between 0 and 10, got 11"));
    l.add(c("int below range", "[demo]\ncount = -1\n", null, H + ":2:1", "got -1"));
    l.add(c("string given a bool", "[demo]\nname = true\n", null, H + ":2:1", "demo.name: expected string, got bool"));
    l.add(c("string given a table", "[demo.name]\nx = 1\n", null, H + ":1:1", "expected string, got table"));
    l.add(c("pattern mismatch", "[demo]\nemail = \"nobody\"\n", null, H + ":2:1", "does not match /[^@]+@[^@]+/"));
    l.add(c("enum with typo", "[demo]\nshell = \"zhs\"\n", null, H + ":2:1", "did you mean \"zsh\"?"));
    l.add(c("enum far off", "[demo]\nshell = \"powershell\"\n", null, H + ":2:1", "expected one of \"bash\", \"zsh\", \"fish\""));
    l.add(c("enum given an int", "[demo]\nshell = 3\n", null, H + ":2:1", "expected one of"));
    l.add(c("list given a string", "[demo]\ntags = \"a\"\n", null, H + ":2:1", "demo.tags: expected list of string, got string"));
    l.add(c("list element of wrong type", "[demo]\ntags = [\"a\", 2]\n", null, H + ":2:14", "demo.tags[1]: expected string, got int"));
    l.add(c("int list element of wrong type", "[demo]\nports = [1, \"two\"]\n", null, H + ":2:13", "demo.ports[1]: expected int, got string"));
    l.add(c("attrs given a list", "[demo]\nenv = [\"a\"]\n", null, H + ":2:1", "demo.env: expected a table, got list"));
    l.add(c("attrs value of wrong type", "[demo.env]\nA = 1\n", null, H + ":2:1", "demo.env.A: expected string, got int"));
    l.add(c("submodule given a string", "[demo]\nnested = \"x\"\n", null, H + ":2:1", "demo.nested: expected a table of options, got string"));
    l.add(c("namespace given a scalar", "demo = 3\n", null, H + ":1:1", "demo: expected a table of options, got int"));
    l.add(c("package given a bool", "[demo]\npkg = false\n", null, H + ":2:1", "demo.pkg: expected package, got bool"));
    l.add(c("platform not an enum value", "[system]\nplatform = \"x86_64-windows\"\n", null, H + ":2:1", "system.platform: expected one of"));
    l.add(c("state version pattern", "[system]\nstateVersion = \"one\"\n", null, H + ":2:1", "does not match"));
    l.add(c("state version newer than this statectl", "[system]\nstateVersion = \"0.10\"\n", null, H + ":2:1",
        "system.stateVersion \"0.10\" is newer than this statectl"));
    l.add(c("hostname pattern", "[system]\nhostname = \"-bad\"\n", null, H + ":2:1", "system.hostname: \"-bad\" does not match"));
    // paths
    l.add(c("path not found", "[demo]\nscript = \"../scripts/run.sh\"\n", null, H + ":2:1", "demo.script: file not found: scripts/run.sh"));
    l.add(c("path escapes repository", "[demo]\nscript = \"../../etc/passwd\"\n", null, H + ":2:1", "path leaves the configuration repository"));
    l.add(c("absolute path", "[demo]\nscript = \"/etc/passwd\"\n", null, H + ":2:1", "path leaves the configuration repository"));
    l.add(c("path given an int", "[demo]\nscript = 5\n", null, H + ":2:1", "demo.script: expected path, got int"));
    // required
    l.add(c("required option missing", "[demo.hosts.web]\nport = 80\n", null, H, "option demo.hosts.web.address is required but has no value (declared by demo@1.0)"));
    // conflicts and priorities
    l.add(c("scalar conflict across files", "imports = [\"../modules/m.toml\"]\n[demo]\nname = \"b\"\n", "[demo]\nname = \"a\"\n", H + ":3:1", "conflicting definitions of demo.name (priority normal): \"a\" at modules/m.toml:2:1, \"b\" at hosts/h.toml:3:1"));
    l.add(c("conflict inside attrs of submodule", "imports = [\"../modules/m.toml\"]\n[demo.hosts.web]\naddress = \"b\"\n", "[demo.hosts.web]\naddress = \"a\"\n", H + ":3:1", "conflicting definitions of demo.hosts.web.address"));
    l.add(c("forced conflict", "imports = [\"../modules/m.toml\"]\n[force.demo]\ncount = 2\n", "[force.demo]\ncount = 1\n", H + ":3:1", "(priority force)"));
    l.add(c("defaults conflict", "imports = [\"../modules/m.toml\"]\n[defaults.demo]\ncount = 2\n", "[defaults.demo]\ncount = 1\n", H + ":3:1", "(priority default)"));
    l.add(c("defaults not a table", "defaults = 3\n", null, H + ":1:1", "defaults must be a table of options"));
    l.add(c("force not a table", "force = \"x\"\n", null, H + ":1:1", "force must be a table of options"));
    l.add(c("force nested in defaults", "[defaults.force.demo]\ncount = 1\n", null, H + ":1:1", "[force] inside [default] is ambiguous"));
    // conditions
    l.add(c("unknown condition", "[when.linx.demo]\ncount = 1\n", null, H + ":1:1", "did you mean 'when.linux'?"));
    l.add(c("unknown condition far off", "[when.weekday.demo]\ncount = 1\n", null, H + ":1:1", "unknown condition 'when.weekday'"));
    l.add(c("unknown platform condition", "[when.platform.x86_64-linx.demo]\ncount = 1\n", null, H + ":1:1", "did you mean 'x86_64-linux'?"));
    l.add(c("when not a table", "when = 1\n", null, H + ":1:1", "when must be a table of conditions"));
    l.add(c("condition body not a table", "[when]\nlinux = 1\n", null, H + ":2:1", "when.linux must be a table"));
    l.add(c("imports inside a condition", "[when.linux]\nimports = [\"x.toml\"]\n", null, H + ":2:1", "imports may only appear at the top of a file"));
    l.add(c("platform chosen inside a condition", "[when.host.h.system]\nplatform = \"aarch64-darwin\"\n", null, H + ":2:1", "set system.platform outside [when] sections"));
    // imports
    l.add(c("imports not a list", "imports = \"../modules/m.toml\"\n", "", H + ":1:1", "imports must be a list of paths"));
    l.add(c("import not a string", "imports = [3]\n", null, H + ":1:12", "an import must be a path string"));
    l.add(c("import missing", "imports = [\"../modules/nope.toml\"]\n", null, H + ":1:12", "imported file not found: modules/nope.toml"));
    l.add(c("import escaping", "imports = [\"../../x.toml\"]\n", null, H + ":1:12", "import leaves the configuration repository"));
    l.add(c("import cycle", "imports = [\"../modules/m.toml\"]\n", "imports = [\"../hosts/h.toml\"]\n", M + ":1:12", "import cycle: hosts/h.toml -> modules/m.toml -> hosts/h.toml"));
    l.add(c("self import", "imports = [\"h.toml\"]\n", null, H + ":1:12", "import cycle: hosts/h.toml -> hosts/h.toml"));
    l.add(c("unsupported import type", "imports = [\"../modules/m.ini\"]\n", null, H + ":1:12", "imported file not found"));
    // references
    l.add(c("unknown reference", "[demo]\nname = \"${demo.nmae}\"\n", null, H + ":2:1", "reference to unknown option ${demo.nmae}"));
    l.add(c("reference cycle", "[demo]\nname = \"${demo.nested.label}\"\n[demo.nested]\nlabel = \"${demo.name}\"\n", null, H + ":4:1", "reference cycle: demo.name -> demo.nested.label -> demo.name"));
    l.add(c("self reference", "[demo]\nname = \"x${demo.name}\"\n", null, H + ":2:1", "reference cycle: demo.name -> demo.name"));
    l.add(c("unterminated reference", "[demo]\nname = \"${demo.count\"\n", null, H + ":2:1", "unterminated reference"));
    l.add(c("malformed reference", "[demo]\nname = \"${demo..count}\"\n", null, H + ":2:1", "malformed reference"));
    l.add(c("reference to a table", "[demo]\nname = \"${demo.env}\"\n", null, H + ":2:1", "${demo.env} is table, not a single value"));
    return l.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void malformed_failsAtExactLocation_withKeyPhraseAndHint(String name, String host, String module, String location,
      String phrase) {
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem().with(H, host);
    if (module != null) {
      fs.with(M, module);
    }
    Evaluation e = new Evaluator(EvaluatorTestSupport.DEMO).evaluate(fs, "h", Optional.of(Platform.X86_64_LINUX));
    Evaluation.Failure f = assertInstanceOf(Evaluation.Failure.class, e, name + " must fail");
    Optional<ConfigProblem> match = f.problems().stream()
        .filter(p -> p.location().toString().equals(location) && (p.message() + " " + p.hint()).contains(phrase))
        .findFirst();
    assertTrue(match.isPresent(), name + ": expected a problem at " + location + " containing '" + phrase + "', got:\n"
        + String.join("\n", f.problems().stream().map(ConfigProblem::toString).toList()));
    assertFalse(match.get().hint().isBlank(), "every problem has a hint");
  }

  @org.junit.jupiter.api.Test
  void table_hasAtLeastSixtyCases() {
    assertTrue(cases().count() >= 60, "count: " + cases().count());
  }

  @org.junit.jupiter.api.Test
  void allProblemsAreReportedAtOnce_notOnlyTheFirst() {
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem().with(H,
        "[demo]\nenable = 1\ncount = 99\nshell = \"zhs\"\nnmae = \"x\"\n[when.linx]\n");
    Evaluation.Failure f = assertInstanceOf(Evaluation.Failure.class,
        new Evaluator(EvaluatorTestSupport.DEMO).evaluate(fs, "h", Optional.of(Platform.X86_64_LINUX)));
    assertEquals(List.of(H + ":2:1", H + ":3:1", H + ":4:1", H + ":5:1", H + ":6:1"),
        f.problems().stream().map(p -> p.location().toString()).toList(), f.problems().toString());
  }

  @org.junit.jupiter.api.Test
  void invalidUtf8_isReportedForTheFile() {
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem();
    fs.with(H, new String(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}, StandardCharsets.ISO_8859_1));
    // the memory FS stores UTF-8 of the string above, which is valid; write raw bytes instead
    MemoryConfigFileSystem raw = new MemoryConfigFileSystem() {
      @Override
      public Optional<byte[]> read(String path) {
        return path.equals(H) ? Optional.of(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}) : Optional.empty();
      }
    };
    Evaluation.Failure f = assertInstanceOf(Evaluation.Failure.class,
        new Evaluator(EvaluatorTestSupport.DEMO).evaluate(raw, "h", Optional.of(Platform.X86_64_LINUX)));
    assertTrue(f.problems().get(0).message().contains("not valid UTF-8"), f.problems().toString());
  }
}
