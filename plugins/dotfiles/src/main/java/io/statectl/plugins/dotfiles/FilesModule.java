package io.statectl.plugins.dotfiles;

import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code files."<path in home>" = { source = "files/x" }} or {@code { text = "…" }}, with an
 * optional {@code executable = true}: files placed in the home, each linked from the generation.
 * The kernel checks types and paths against {@link #options()}; this module checks what types
 * cannot say (one of source or text; a target inside the home).
 */
@Extension
public final class FilesModule implements StatectlModule {
  static final String SOURCE = "source";
  static final String TEXT = "text";
  static final String EXECUTABLE = "executable";
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
    Map<String, OptionDecl> file = new LinkedHashMap<>();
    file.put(SOURCE, OptionDecl.of(OptionType.path(),
        "A file of the configuration repository to place there, relative to the file that says so.")
        .withExample("source = \"../files/gitconfig\""));
    file.put(TEXT, OptionDecl.of(OptionType.string(), "Inline content to place there (instead of source).")
        .withExample("text = \"set -o vi\\n\""));
    file.put(EXECUTABLE, OptionDecl.of(OptionType.bool(), "Whether the file is executable.")
        .withDefault(Defaults.of(false)));
    return OptionDecl.of(OptionType.attrsOf(OptionType.submodule(file)), description())
        .withDefault(Defaults.emptyTable()).withExample(EXAMPLE);
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
      fileEntry(e.getKey(), (ConfigTable) e.getValue(), problems).ifPresent(files::add);
    }
    return new ModuleContribution(List.copyOf(files), problems);
  }

  private static Optional<HomeFile> fileEntry(String target, ConfigTable t, List<ConfigProblem> problems) {
    String option = "files.\"" + target + "\"";
    int before = problems.size();
    if (target.startsWith("~/") || target.startsWith("/")) {
      problems.add(new ConfigProblem(t.location(), option + ": paths are relative to the home directory",
          "write \"" + target.replaceFirst("^~?/+", "") + "\""));
    } else if (!HomeFile.isSafeRelative(target)) {
      problems.add(new ConfigProblem(t.location(), option + ": not a plain relative path inside the home",
          "use a normalised path without '..', e.g. \".config/app/config.toml\""));
    }
    Optional<ConfigValue> source = t.get(SOURCE);
    Optional<ConfigValue> text = t.get(TEXT);
    FileContent content = null;
    if (source.isPresent() && text.isPresent()) {
      problems.add(new ConfigProblem(text.get().location(),
          option + " sets both source (at " + source.get().location() + ") and text", "keep one of them"));
    } else if (source.isEmpty() && text.isEmpty()) {
      problems.add(new ConfigProblem(t.location(), option + " needs a source or a text", "write " + EXAMPLE));
    } else if (source.isPresent()) {
      content = new FileContent.RepositoryFile(((ConfigString) source.get()).value());
    } else {
      content = new FileContent.Text(((ConfigString) text.get()).value());
    }
    boolean executable = t.get(EXECUTABLE).map(v -> ((ConfigBool) v).value()).orElse(false);
    if (problems.size() > before || content == null) {
      return Optional.empty();
    }
    return Optional.of(new HomeFile(target, content, executable ? FileMode.EXECUTABLE : FileMode.REGULAR,
        t.location()));
  }
}
