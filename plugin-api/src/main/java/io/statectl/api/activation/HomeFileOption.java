package io.statectl.api.activation;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of a table of home files, {@code "<path in home>" = { source = "…" }} or
 * {@code { text = "…" }} with an optional {@code executable = true}, and the checks its types
 * cannot express (one of source or text; a target inside the home): shared by every module that
 * offers one, such as the dotfiles plugin's {@code files.*} and the home plugin's {@code home.file}.
 *
 * @since 0.1.1
 */
public final class HomeFileOption {
  public static final String SOURCE = "source";
  public static final String TEXT = "text";
  public static final String EXECUTABLE = "executable";

  private HomeFileOption() {}

  /**
   * The declaration: an attrs of file submodules.
   *
   * @param example a whole definition, shown in docs and in the hint of an entry with no content
   * @param sourceExample an example of {@code source = …}
   * @param textExample an example of {@code text = …}
   */
  public static OptionDecl declaration(String description, String example, String sourceExample,
      String textExample) {
    Map<String, OptionDecl> file = new LinkedHashMap<>();
    file.put(SOURCE, OptionDecl.of(OptionType.path(),
        "A file of the configuration repository to place there, relative to the file that says so.")
        .withExample(sourceExample));
    file.put(TEXT, OptionDecl.of(OptionType.string(), "Inline content to place there (instead of source).")
        .withExample(textExample));
    file.put(EXECUTABLE, OptionDecl.of(OptionType.bool(), "Whether the file is executable.")
        .withDefault(Defaults.of(false)));
    return OptionDecl.of(OptionType.attrsOf(OptionType.submodule(file)), description)
        .withDefault(Defaults.emptyTable()).withExample(example);
  }

  /**
   * The home file one entry of such a table asks for, or empty with its problems added to
   * {@code problems} (all of them, not only the first).
   *
   * @param option the entry's option path as users write it, e.g. {@code files.".bashrc"}
   * @param example shown in the hint when the entry has neither source nor text
   */
  public static Optional<HomeFile> entry(String option, String target, ConfigTable t, String example,
      List<ConfigProblem> problems) {
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
      problems.add(new ConfigProblem(t.location(), option + " needs a source or a text", "write " + example));
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
