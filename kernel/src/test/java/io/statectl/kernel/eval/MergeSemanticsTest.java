package io.statectl.kernel.eval;

import static io.statectl.kernel.eval.EvaluatorTestSupport.fails;
import static io.statectl.kernel.eval.EvaluatorTestSupport.ok;
import static io.statectl.kernel.eval.EvaluatorTestSupport.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.module.ConfigProblem;
import org.junit.jupiter.api.Test;

/** How definitions from several files, priorities, conditions and references combine. */
class MergeSemanticsTest {

  static MemoryConfigFileSystem repo(String host, String... modules) {
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem();
    StringBuilder imports = new StringBuilder("imports = [");
    for (int i = 0; i < modules.length; i++) {
      fs.with("modules/m" + i + ".toml", modules[i]);
      imports.append(i == 0 ? "" : ", ").append("\"../modules/m").append(i).append(".toml\"");
    }
    return fs.with("hosts/h.toml", imports.append("]\n").append(host).toString());
  }

  @Test
  void lists_concatenateInImportOrder_hostLast() {
    var s = ok(repo("[demo]\ntags = [\"host\"]\n", "[demo]\ntags = [\"a1\", \"a2\"]\n", "[demo]\ntags = [\"b\"]\n"));
    assertEquals("[\"a1\", \"a2\", \"b\", \"host\"]", value(s, "demo.tags"));
  }

  @Test
  void nestedImports_comeBeforeTheirImporter_andDiamondsLoadOnce() {
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem()
        .with("hosts/h.toml", "imports = [\"../m/a.toml\", \"../m/b.toml\"]\n[demo]\ntags = [\"h\"]\n")
        .with("m/a.toml", "imports = [\"c.toml\"]\n[demo]\ntags = [\"a\"]\n")
        .with("m/b.toml", "imports = [\"c.toml\"]\n[demo]\ntags = [\"b\"]\n")
        .with("m/c.toml", "[demo]\ntags = [\"c\"]\n");
    assertEquals("[\"c\", \"a\", \"b\", \"h\"]", value(ok(fs), "demo.tags"));
  }

  @Test
  void attrs_mergeKeyByKey() {
    var s = ok(repo("[demo.env]\nEDITOR = \"vi\"\n", "[demo.env]\nPAGER = \"less\"\n"));
    assertEquals("{EDITOR = \"vi\", PAGER = \"less\"}", value(s, "demo.env"));
  }

  @Test
  void submodules_mergeRecursively_withDefaultsFilledIn() {
    var s = ok(repo("[demo.hosts.web]\nport = 8080\n", "[demo.hosts.web]\naddress = \"10.0.0.1\"\n[demo.hosts.db]\naddress = \"db\"\n"));
    assertEquals("{address = \"10.0.0.1\", port = 8080}", value(s, "demo.hosts.web"));
    assertEquals("{address = \"db\", port = 22}", value(s, "demo.hosts.db"));
    assertEquals("{level = 1}", value(s, "demo.nested"));
  }

  @Test
  void scalarConflict_namesEveryDefinition() {
    var f = fails(repo("[demo]\nname = \"host\"\n", "[demo]\nname = \"one\"\n", "[demo]\nname = \"two\"\n"));
    ConfigProblem p = f.problems().get(0);
    assertTrue(p.message().contains("conflicting definitions of demo.name"), p.message());
    assertTrue(p.message().contains("\"one\" at modules/m0.toml:2:1"), p.message());
    assertTrue(p.message().contains("\"two\" at modules/m1.toml:2:1"), p.message());
    assertTrue(p.message().contains("\"host\" at hosts/h.toml:3:1"), p.message());
    assertTrue(p.hint().contains("[force.demo]"), p.hint());
  }

  @Test
  void equalScalars_agree() {
    assertEquals("\"same\"", value(ok(repo("[demo]\nname = \"same\"\n", "[demo]\nname = \"same\"\n")), "demo.name"));
  }

  @Test
  void force_beatsPlain_andPlain_beatsDefaults_andDefaults_beatOptionDefaults() {
    var s = ok(repo("[demo]\nname = \"plain\"\n[force.demo]\ncount = 9\n",
        "[defaults.demo]\nname = \"weak\"\ncount = 1\nshell = \"zsh\"\n"));
    assertEquals("\"plain\"", value(s, "demo.name"));
    assertEquals("9", value(s, "demo.count"));
    assertEquals("\"zsh\"", value(s, "demo.shell"));
    OptionTrace t = s.traces().get("demo.name");
    assertEquals(Priority.NORMAL, t.winning());
    assertEquals(2, t.definitions().size());
  }

  @Test
  void forcedList_replacesWeakerLists() {
    var s = ok(repo("[force.demo]\ntags = [\"only\"]\n", "[demo]\ntags = [\"x\"]\n"));
    assertEquals("[\"only\"]", value(s, "demo.tags"));
  }

  @Test
  void twoForcedDifferentValues_stillConflict() {
    var f = fails(repo("[force.demo]\nname = \"a\"\n", "[force.demo]\nname = \"b\"\n"));
    assertTrue(f.problems().get(0).message().contains("(priority force)"), f.problems().toString());
  }

  @Test
  void whenSections_applyPerPlatformAndHost() {
    MemoryConfigFileSystem fs = repo("""
        [demo]
        tags = ["all"]
        [when.linux.demo]
        shell = "bash"
        tags = ["linux"]
        [when.darwin.demo]
        shell = "zsh"
        tags = ["darwin"]
        [when.host.h.demo]
        name = "this host"
        [when.host.other.demo]
        name = "other host"
        [when.platform.aarch64-darwin.demo]
        count = 7
        """);
    var linux = ok(fs, "h", Platform.X86_64_LINUX);
    assertEquals("[\"all\", \"linux\"]", value(linux, "demo.tags"));
    assertEquals("\"bash\"", value(linux, "demo.shell"));
    assertEquals("\"this host\"", value(linux, "demo.name"));
    assertEquals("<absent>", value(linux, "demo.count"));
    var mac = ok(fs, "h", Platform.AARCH64_DARWIN);
    assertEquals("[\"all\", \"darwin\"]", value(mac, "demo.tags"));
    assertEquals("\"zsh\"", value(mac, "demo.shell"));
    assertEquals("7", value(mac, "demo.count"));
  }

  @Test
  void declaredPlatform_selectsConditions_withoutAFlag() {
    MemoryConfigFileSystem fs = repo("[system]\nplatform = \"aarch64-darwin\"\n[when.darwin.demo]\nshell = \"zsh\"\n");
    var s = new Evaluator(EvaluatorTestSupport.DEMO).evaluate(fs, "h");
    assertTrue(s instanceof Evaluation.Success, s.toString());
    assertEquals("\"zsh\"", value((Evaluation.Success) s, "demo.shell"));
    assertEquals(Platform.AARCH64_DARWIN, ((Evaluation.Success) s).platform());
  }

  @Test
  void references_resolveChains_andRenderScalars() {
    var s = ok(repo("[demo]\nname = \"${demo.nested.label}@${system.hostname}\"\ncount = 3\n"
        + "[demo.nested]\nlabel = \"lbl-${demo.count}\"\n[demo.env]\nHOME_NAME = \"${demo.name}\"\nLIT = \"$${not.a.ref}\"\n"));
    assertEquals("\"lbl-3@h\"", value(s, "demo.name"));
    assertEquals("\"lbl-3@h\"", value(s, "demo.env.HOME_NAME"));
    assertEquals("\"${not.a.ref}\"", value(s, "demo.env.LIT"));
  }

  @Test
  void referenceCycle_printsTheChain() {
    var f = fails(repo("[demo]\nname = \"${demo.env.A}\"\n[demo.env]\nA = \"${demo.env.B}\"\nB = \"${demo.name}\"\n"));
    String m = f.problems().get(0).message();
    assertTrue(m.startsWith("reference cycle: "), m);
    assertTrue(m.contains("demo.name -> demo.env.A -> demo.env.B -> demo.name"), m);
  }

  @Test
  void referenceToUnknownOption_suggestsTheClosest() {
    var f = fails(repo("[demo]\nname = \"${demo.nmae}\"\n"));
    ConfigProblem p = f.problems().get(0);
    assertTrue(p.message().contains("reference to unknown option ${demo.nmae}"), p.message());
    assertEquals("did you mean ${demo.name}?", p.hint());
  }
}
