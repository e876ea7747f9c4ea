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
import io.statectl.api.module.SourceResolution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.module.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code files."<path in home>" = { source = "files/x" }} or {@code { text = "…" }}, with an
 * optional {@code executable = true}: files placed in the home, each linked from the generation.
 */
@Extension
public final class FilesModule implements StatectlModule {
  static final String SOURCE = "source";
  static final String TEXT = "text";
  static final String EXECUTABLE = "executable";
  private static final List<String> KEYS = List.of(SOURCE, TEXT, EXECUTABLE);
  private static final String EXAMPLE = "files.\".gitconfig\" = { source = \"files/gitconfig\" }";

  @Override
  public String namespace() {
    return "files";
  }

  @Override
  public String description() {
    return "files and directories placed in the home, linked from the generation";
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigValue> config = context.config();
    if (config.isEmpty()) {
      return ModuleContribution.empty();
    }
    List<HomeFile> files = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    if (!(config.get() instanceof ConfigTable table)) {
      problems.add(new ConfigProblem(config.get().location(),
          "files must be a table of paths, got " + config.get().typeName(), "write " + EXAMPLE));
      return new ModuleContribution(List.of(), problems);
    }
    for (Map.Entry<String, ConfigValue> e : table.entries().entrySet()) {
      fileEntry(e.getKey(), e.getValue(), context, problems).ifPresent(files::add);
    }
    return new ModuleContribution(List.copyOf(files), problems);
  }

  private Optional<HomeFile> fileEntry(String target, ConfigValue value, ModuleContext context,
      List<ConfigProblem> problems) {
    String option = "files.\"" + target + "\"";
    int before = problems.size();
    if (target.startsWith("~/") || target.startsWith("/")) {
      problems.add(new ConfigProblem(value.location(), option + ": paths are relative to the home directory",
          "write \"" + target.replaceFirst("^~?/+", "") + "\""));
    } else if (!HomeFile.isSafeRelative(target)) {
      problems.add(new ConfigProblem(value.location(), option + ": not a plain relative path inside the home",
          "use a normalised path without '..', e.g. \".config/app/config.toml\""));
    }
    if (!(value instanceof ConfigTable t)) {
      problems.add(new ConfigProblem(value.location(), option + " must be a table, got " + value.typeName(),
          "write " + EXAMPLE));
      return Optional.empty();
    }
    for (Map.Entry<String, ConfigValue> k : t.entries().entrySet()) {
      if (!KEYS.contains(k.getKey())) {
        problems.add(new ConfigProblem(k.getValue().location(), "unknown option '" + option + "." + k.getKey() + "'",
            Suggestions.closest(k.getKey(), KEYS).map(s -> "did you mean '" + s + "'?")
                .orElse("a file takes: " + String.join(", ", KEYS))));
      }
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
      content = sourceContent(option, source.get(), context, problems);
    } else if (text.get() instanceof ConfigString s) {
      content = new FileContent.Text(s.value());
    } else {
      problems.add(typeProblem(option + "." + TEXT, "string", text.get()));
    }
    FileMode mode = FileMode.REGULAR;
    Optional<ConfigValue> exec = t.get(EXECUTABLE);
    if (exec.isPresent()) {
      if (exec.get() instanceof ConfigBool b) {
        mode = b.value() ? FileMode.EXECUTABLE : FileMode.REGULAR;
      } else {
        problems.add(typeProblem(option + "." + EXECUTABLE, "bool", exec.get()));
      }
    }
    if (problems.size() > before || content == null) {
      return Optional.empty();
    }
    return Optional.of(new HomeFile(target, content, mode, value.location()));
  }

  private static FileContent sourceContent(String option, ConfigValue source, ModuleContext context,
      List<ConfigProblem> problems) {
    if (!(source instanceof ConfigString s)) {
      problems.add(typeProblem(option + "." + SOURCE, "string (a path)", source));
      return null;
    }
    SourceResolution r = context.sources().resolve(s.location(), s.value());
    if (r instanceof SourceResolution.Found f) {
      return new FileContent.RepositoryFile(f.repositoryPath());
    }
    if (r instanceof SourceResolution.Missing m) {
      problems.add(new ConfigProblem(s.location(), option + ": source file not found: " + m.tried(),
          "paths are relative to the file that names them; create the file or fix the path"));
    } else {
      problems.add(new ConfigProblem(s.location(), option + ": source leaves the configuration repository: "
          + s.value(), "copy the file into the repository, e.g. under files/"));
    }
    return null;
  }

  private static ConfigProblem typeProblem(String option, String expected, ConfigValue got) {
    return new ConfigProblem(got.location(), option + ": expected " + expected + ", got " + got.typeName(),
        "change the value's type");
  }
}
