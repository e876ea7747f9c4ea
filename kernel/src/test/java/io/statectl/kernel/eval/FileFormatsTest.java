package io.statectl.kernel.eval;

import static io.statectl.kernel.eval.EvaluatorTestSupport.fails;
import static io.statectl.kernel.eval.EvaluatorTestSupport.ok;
import static io.statectl.kernel.eval.EvaluatorTestSupport.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.module.ConfigProblem;
import org.junit.jupiter.api.Test;

/** TOML, YAML and JSON files mix by extension, and every one keeps file:line:column. */
class FileFormatsTest {

  @Test
  void yamlAndJsonImports_mergeWithToml() {
    var s = ok(new MemoryConfigFileSystem()
        .with("hosts/h.toml", "imports = [\"../m/a.yaml\", \"../m/b.json\"]\n[demo]\ntags = [\"toml\"]\n")
        .with("m/a.yaml", "demo:\n  tags: [yaml]\n  count: 3\n  enable: true\n  env:\n    EDITOR: vi\n")
        .with("m/b.json", "{\"demo\": {\"tags\": [\"json\"], \"name\": \"from json\", \"env\": {\"PAGER\": \"less\"}}}\n"));
    assertEquals("[\"yaml\", \"json\", \"toml\"]", value(s, "demo.tags"));
    assertEquals("3", value(s, "demo.count"));
    assertEquals("true", value(s, "demo.enable"));
    assertEquals("{EDITOR = \"vi\", PAGER = \"less\"}", value(s, "demo.env"));
    assertEquals("m/a.yaml:3:3", s.traces().get("demo.count").definitions().get(0).value().location().toString());
    assertEquals("m/b.json:1:29", s.traces().get("demo.name").definitions().get(0).value().location().toString());
  }

  @Test
  void yamlHostFile_isAnEntry() {
    var s = ok(new MemoryConfigFileSystem().with("hosts/h.yaml", "demo:\n  name: yaml host\n"));
    assertEquals("\"yaml host\"", value(s, "demo.name"));
  }

  @Test
  void yamlErrors_areLocated() {
    ConfigProblem type = fails(new MemoryConfigFileSystem().with("hosts/h.yaml", "demo:\n  count: many\n")).problems().get(0);
    assertEquals("hosts/h.yaml:2:3", type.location().toString());
    assertTrue(type.message().contains("expected int between 0 and 10, got string"), type.message());
    ConfigProblem syntax = fails(new MemoryConfigFileSystem().with("hosts/h.yaml", "demo:\n  name: [unclosed\n")).problems().get(0);
    assertTrue(syntax.message().startsWith("YAML syntax error"), syntax.message());
    assertEquals("hosts/h.yaml", syntax.location().file());
    assertTrue(syntax.location().line() >= 2, syntax.toString());
    ConfigProblem dup = fails(new MemoryConfigFileSystem().with("hosts/h.yaml", "demo:\n  name: a\n  name: b\n")).problems().get(0);
    assertTrue(dup.message().contains("YAML syntax error"), dup.message());
  }

  @Test
  void jsonErrors_areLocated() {
    ConfigProblem syntax = fails(new MemoryConfigFileSystem().with("hosts/h.json", "{\"demo\": {\"name\": }}\n")).problems().get(0);
    assertEquals("hosts/h.json:1:19", syntax.location().toString());
    assertTrue(syntax.message().startsWith("JSON syntax error"), syntax.message());
    ConfigProblem dup = fails(new MemoryConfigFileSystem().with("hosts/h.json", "{\"demo\": {\"name\": \"a\",\n \"name\": \"b\"}}")).problems().get(0);
    assertTrue(dup.message().contains("Duplicate field 'name'"), dup.message());
    ConfigProblem unknown = fails(new MemoryConfigFileSystem().with("hosts/h.json", "{\"demo\": {\n  \"nmae\": \"a\"}}")).problems().get(0);
    assertEquals("hosts/h.json:2:3", unknown.location().toString());
    assertEquals("did you mean 'demo.name'?", unknown.hint());
  }
}
