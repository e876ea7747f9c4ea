package io.statectl.plugins.home;

import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.HomeFileOption;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.option.OptionDecl;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code home.file."<path in home>" = { source = "…" }} or {@code { text = "…" }}, with an
 * optional {@code executable = true}: the shape and checks of the dotfiles plugin's
 * {@code files.*} ({@link HomeFileOption}), under home-manager's name, refusing the files this
 * plugin generates itself.
 */
final class HomeFiles {
  static final String OPTION = "home.file";
  private static final String EXAMPLE = "home.file.\".inputrc\" = { source = \"../files/inputrc\" }";

  private HomeFiles() {}

  static OptionDecl option() {
    return HomeFileOption.declaration(
        "Files placed in the home, keyed by their path relative to the home; each is a link into the generation.",
        EXAMPLE, "source = \"../files/inputrc\"", "text = \"set editing-mode vi\\n\"");
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
    boolean ours = !target.startsWith("~/") && HomeFile.isSafeRelative(target) && generated.contains(target);
    if (ours) {
      out.problem(t.location(), option + ": statectl generates ~/" + target + " itself",
          "set the options that generate it instead (home.sessionVariables, home.sessionPath)");
    }
    Optional<HomeFile> file = HomeFileOption.entry(option, target, t, EXAMPLE, out.problems());
    return ours ? Optional.empty() : file;
  }
}
