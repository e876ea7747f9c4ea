package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** options, eval and check through the assembled CLI, and the generated options reference. */
class ModuleSystemEndToEndTest {
  @TempDir Path tmp;

  @Test
  void options_listsDeclaredOptionsWithTypeDefaultAndModule() throws Exception {
    Statectl statectl = new Statectl(tmp.resolve("state"));
    JsonNode all = new ObjectMapper().readTree(statectl.run("options", "--json").ok().out());
    JsonNode source = null;
    for (JsonNode o : all) {
      if (o.get("name").asText().equals("files.<name>.source")) {
        source = o;
      }
    }
    assertTrue(source != null, all.toString());
    assertEquals("path", source.get("type").asText());
    assertTrue(source.get("module").asText().startsWith("dotfiles@"), source.toString());
    String text = statectl.run("options", "platform").ok().out();
    assertTrue(text.contains("system.platform\n    type:        one of \"x86_64-linux\""), text);
    assertTrue(text.contains("declared by: core"), text);
  }

  @Test
  void eval_printsMergedValueAndEveryDefinitionWithLocationAndPriority() {
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Path config = Statectl.REPO.resolve("examples/basic");
    String out = statectl.run("eval", "files.\".config/statectl-demo/where.txt\".text", "--config", config.toString(),
        "--host", "desktop").ok().out();
    assertTrue(out.startsWith("files.\".config/statectl-demo/where.txt\".text = \"This home is managed by statectl (host: desktop).\\n\""), out);
    assertTrue(out.contains("* hosts/desktop.toml:5:1"), out);
    String motd = statectl.run("eval", "files.\".config/statectl-demo/motd\".text", "--config", config.toString(),
        "--host", "laptop").ok().out();
    assertTrue(motd.contains("* modules/common.toml:10:1") && motd.contains("default"), motd);
    String mac = statectl.run("eval", "files", "--config", config.toString(), "--host", "laptop", "--platform",
        "aarch64-darwin").ok().out();
    assertTrue(mac.contains("Library/Preferences/statectl-demo.txt"), mac);
    Statectl.Result unknown = statectl.run("eval", "files.nope", "--config", config.toString(), "--host", "laptop");
    assertEquals(2, unknown.exit(), unknown.toString());
  }

  @Test
  void check_evaluatesEveryHost_andReportsAllProblemsAtOnce() throws Exception {
    Statectl statectl = new Statectl(tmp.resolve("state"));
    Path config = tmp.resolve("config");
    Trees.copy(Statectl.REPO.resolve("examples/basic"), config);
    String ok = statectl.run("check", "--config", config.toString()).ok().out();
    assertTrue(ok.contains("ok: host desktop") && ok.contains("ok: host laptop"), ok);

    Files.writeString(config.resolve("hosts/desktop.toml"), "[files.\"a\"]\ntext = 1\n[when.linx]\n");
    Files.writeString(config.resolve("hosts/laptop.toml"), "[sytem]\nhostname = \"x\"\n");
    Statectl.Result bad = statectl.run("check", "--config", config.toString());
    assertEquals(3, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("hosts/desktop.toml:2:1: files.a.text: expected string, got int"), bad.err());
    assertTrue(bad.err().contains("hosts/desktop.toml:3:1: unknown condition 'when.linx'"), bad.err());
    assertTrue(bad.err().contains("hosts/laptop.toml:1:1: unknown option 'sytem'"), bad.err());
    assertTrue(bad.err().contains("did you mean 'system'?"), bad.err());
    assertTrue(!Files.exists(statectl.stateDir()), "check builds and records nothing");
  }

  @Test
  void optionsReference_isGeneratedFromTheDeclarations() throws Exception {
    Statectl statectl = new Statectl(tmp.resolve("state"));
    String generated = statectl.run("options", "--markdown").ok().out();
    assertEquals(generated, Files.readString(Statectl.REPO.resolve("docs/options.md")),
        "docs/options.md is produced by the build from the declarations (statectl options --markdown)");
  }
}
