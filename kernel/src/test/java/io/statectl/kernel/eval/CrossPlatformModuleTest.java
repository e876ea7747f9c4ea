package io.statectl.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statectl.api.Platform;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One home-style module and one shared home file, evaluated for Linux and for macOS. */
class CrossPlatformModuleTest {

  /** Places the editor config where each platform expects it, as home-manager modules do. */
  static final class EditorModule implements StatectlModule {
    @Override
    public String namespace() {
      return "programs.editor";
    }

    @Override
    public String description() {
      return "an editor";
    }

    @Override
    public OptionDecl options() {
      return OptionDecl.of(OptionType.submodule(Map.of(
          "theme", OptionDecl.of(OptionType.string(), "theme").withDefault(Defaults.of("light")),
          "font", OptionDecl.of(OptionType.string(), "font").withDefault(Defaults.of("mono")))), "editor");
    }

    @Override
    public ModuleContribution contribute(ModuleContext c) {
      ConfigTable t = (ConfigTable) c.config().orElseThrow();
      String dir = c.platform().isDarwin() ? "Library/Application Support/editor" : ".config/editor";
      String text = "theme=" + ((ConfigString) t.get("theme").orElseThrow()).value() + "\nfont="
          + ((ConfigString) t.get("font").orElseThrow()).value() + "\n";
      return new ModuleContribution(List.of(new HomeFile(dir + "/settings", new FileContent.Text(text), FileMode.REGULAR,
          t.location())), List.of());
    }
  }

  static final ModuleRegistry MODULES = () -> List.of(new LoadedModule(new EditorModule(), "editor", "1"));

  @Test
  void sameHomeModule_givesPlatformSpecificValuesAndPaths() {
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem()
        .with("hosts/desktop.toml", "imports = [\"../home/alice.toml\"]\n")
        .with("hosts/macbook.toml", "imports = [\"../home/alice.toml\"]\n[system]\nplatform = \"aarch64-darwin\"\n")
        .with("home/alice.toml", """
            [programs.editor]
            theme = "dark"
            [when.linux.programs.editor]
            font = "DejaVu Sans Mono"
            [when.darwin.programs.editor]
            font = "SF Mono"
            """);
    Evaluator evaluator = new Evaluator(MODULES);
    Evaluation.Success linux = (Evaluation.Success) evaluator.evaluate(fs, "desktop", Optional.of(Platform.X86_64_LINUX));
    Evaluation.Success mac = (Evaluation.Success) evaluator.evaluate(fs, "macbook");
    assertEquals(Platform.AARCH64_DARWIN, mac.platform());
    HomeFile l = (HomeFile) linux.entries().get(0);
    HomeFile m = (HomeFile) mac.entries().get(0);
    assertEquals(".config/editor/settings", l.target());
    assertEquals("Library/Application Support/editor/settings", m.target());
    assertEquals(new FileContent.Text("theme=dark\nfont=DejaVu Sans Mono\n"), l.content());
    assertEquals(new FileContent.Text("theme=dark\nfont=SF Mono\n"), m.content());
  }
}
