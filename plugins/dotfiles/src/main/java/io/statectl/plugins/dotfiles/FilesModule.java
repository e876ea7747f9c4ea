package io.statectl.plugins.dotfiles;

import io.statectl.api.activation.HomeFileOption;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.OptionDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code files."<path in home>" = { source = "files/x" }} or {@code { text = "…" }}, with an
 * optional {@code executable = true}: files placed in the home, each linked from the generation.
 * The kernel checks types and paths against {@link #options()}; {@link HomeFileOption} checks what
 * types cannot say (one of source or text; a target inside the home).
 */
@Extension
public final class FilesModule implements StatectlModule {
  private static final String EXAMPLE = "files.\".gitconfig\" = { source = \"../files/gitconfig\" }";

  @Override
  public String namespace() {
    return "files";
  }

  @Override
  public String description() {
    return "Files placed in the home, keyed by their path relative to the home; each is a link into the generation.";
  }

  @Override
  public OptionDecl options() {
    return HomeFileOption.declaration(description(), EXAMPLE, "source = \"../files/gitconfig\"",
        "text = \"set -o vi\\n\"");
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigValue> config = context.config();
    if (config.isEmpty() || !(config.get() instanceof ConfigTable table)) {
      return ModuleContribution.empty();
    }
    List<HomeFile> files = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : table.entries().entrySet()) {
      HomeFileOption.entry("files.\"" + e.getKey() + "\"", e.getKey(), (ConfigTable) e.getValue(), EXAMPLE, problems)
          .ifPresent(files::add);
    }
    return new ModuleContribution(List.copyOf(files), problems);
  }
}
