package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.pf4j.Extension;

/**
 * {@code programs.fish}: {@code ~/.config/fish/config.fish} in fish's own syntax: the session
 * (PATH and home.sessionVariables, read again here since fish cannot source the POSIX file), and
 * for interactive shells the aliases, starship's prompt and initExtra.
 */
@Extension
public final class FishProgram extends ProgramModule {
  static final String INIT_EXTRA = "initExtra";

  @Override
  protected String program() {
    return "fish";
  }

  @Override
  protected String summary() {
    return "fish: ~/.config/fish/config.fish with the session, home.shellAliases and your additions.";
  }

  @Override
  protected Map<String, OptionDecl> programOptions() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(INIT_EXTRA, OptionDecl.of(OptionType.string(), "Commands run last by interactive shells.")
        .withDefault(Defaults.of("")).withExample("initExtra = \"fish_vi_key_bindings\""));
    return o;
  }

  @Override
  protected void render(OptionValues options, ModuleContext context, ContributionBuilder out) {
    SourceLocation at = origin(options);
    // Problems of these options are the home module's to report; here the bad entries are left out.
    Session session = Session.read(context.option("home." + HomeModule.SESSION_VARIABLES),
        context.option("home." + HomeModule.SESSION_PATH), new ArrayList<>());
    SortedMap<String, String> aliases = ShellAliases.read(context.option(ShellAliases.OPTION), new ArrayList<>());
    StringBuilder b = new StringBuilder(PosixShell.HEADER).append("# From programs.fish, home.sessionPath, ")
        .append("home.sessionVariables and home.shellAliases.\n");
    b.append(FishShell.session(session));
    b.append("\nif status is-interactive\n");
    aliases.forEach((name, command) -> b.append("    alias ").append(name).append(' ')
        .append(FishShell.quote(command)).append('\n'));
    if (enabled(context, StarshipProgram.NAME)) {
      b.append("    if command -q starship\n        starship init fish | source\n    end\n");
    }
    String extra = options.string(INIT_EXTRA, "");
    b.append(PosixShell.block(extra)); // verbatim: indenting could change a multi-line string
    b.append("end\n");
    out.text(".config/fish/config.fish", b.toString(), at);
  }
}
