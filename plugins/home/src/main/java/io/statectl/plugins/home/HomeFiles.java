package io.statectl.plugins.home;

import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code home.file."<path in home>" = { source = "…" }} or {@code { text = "…" }}, with an
 * optional {@code executable = true}: the same shape and checks as the dotfiles plugin's
 * {@code files.*} (which this plugin may not depend on), under home-manager's name.
 */
final class HomeFiles {
  static final String OPTION = "home.file";
  static final String SOURCE = "source";
  static final String TEXT = "text";
  static final String EXECUTABLE = "executable";
  private static final String EXAMPLE = "home.file.\".inputrc\" = { source = \"../files/inputrc\" }";

  private HomeFiles() {}

  static OptionDecl option() {
    Map<String, OptionDecl> file = new LinkedHashMap<>();
    file.put(SOURCE, OptionDecl.of(OptionType.path(),
        "A file of the configuration repository to place there, relative to the file that says so.")
        .withExample("source = \"../files/inputrc\""));
    file.put(TEXT, OptionDecl.of(OptionType.string(), "Inline content to place there (instead of source).")
        .withExample("text = \"set editing-mode vi\\n\""));
    file.put(EXECUTABLE, OptionDecl.of(OptionType.bool(), "Whether the file is executable.")
        .withDefault(Defaults.of(false)));
    return OptionDecl.of(OptionType.attrsOf(OptionType.submodule(file)),
        "Files placed in the home, keyed by their path relative to the home; each is a link into the generation.")
        .withDefault(Defaults.emptyTable()).withExample(EXAMPLE);
  }

  /** Adds one HomeFile per entry, or the problems of it; {@code generated} are targets this plugin writes itself. */
  static void contribute(ConfigTable files, Set<String> generated, ContributionBuilder out) {
    for (Map.Entry<String, ConfigValue> e : files.entries().entrySet()) {
      if (e.getValue() instanceof ConfigTable t) {
        entry(e.getKey(), t, generated, out).ifPresent(out::add);
      }
    }
  }

  private static Optional<HomeFile> entry(String target, ConfigTable t, Set<String> generated, ContributionBuilder out) {
    String option = OPTION + ".\"" + target + "\"";
    int before = out.problems().size();
    if (target.startsWith("~/") || target.startsWith("/")) {
      out.problem(t.location(), option + ": paths are relative to the home directory",
          "write \"" + target.replaceFirst("^~?/+", "") + "\"");
    } else if (!HomeFile.isSafeRelative(target)) {
      out.problem(t.location(), option + ": not a plain relative path inside the home",
          "use a normalised path without '..', e.g. \".config/app/config.toml\"");
    } else if (generated.contains(target)) {
      out.problem(t.location(), option + ": statectl generates ~/" + target + " itself",
          "set the options that generate it instead (home.sessionVariables, home.sessionPath)");
    }
    Optional<ConfigValue> source = t.get(SOURCE);
    Optional<ConfigValue> text = t.get(TEXT);
    FileContent content = null;
    if (source.isPresent() && text.isPresent()) {
      out.problem(text.get().location(), option + " sets both source (at " + source.get().location() + ") and text",
          "keep one of them");
    } else if (source.isEmpty() && text.isEmpty()) {
      out.problem(t.location(), option + " needs a source or a text", "write " + EXAMPLE);
    } else if (source.isPresent()) {
      content = new FileContent.RepositoryFile(((ConfigString) source.get()).value());
    } else {
      content = new FileContent.Text(((ConfigString) text.get()).value());
    }
    boolean executable = t.get(EXECUTABLE).map(v -> ((ConfigBool) v).value()).orElse(false);
    if (out.problems().size() > before || content == null) {
      return Optional.empty();
    }
    return Optional.of(new HomeFile(target, content, executable ? FileMode.EXECUTABLE : FileMode.REGULAR,
        t.location()));
  }
}
