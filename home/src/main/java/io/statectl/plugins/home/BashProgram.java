package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code programs.bash}: {@code ~/.bash_profile} (login shells: the session, then profileExtra,
 * then {@code ~/.bashrc} when interactive) and {@code ~/.bashrc} (the session, and for
 * interactive shells the aliases, starship's prompt and initExtra).
 */
@Extension
public final class BashProgram extends ProgramModule {
  static final String INIT_EXTRA = "initExtra";
  static final String PROFILE_EXTRA = "profileExtra";

  @Override
  protected String program() {
    return "bash";
  }

  @Override
  protected String summary() {
    return "bash: ~/.bash_profile and ~/.bashrc with the session, home.shellAliases and your additions.";
  }

  @Override
  protected Map<String, OptionDecl> programOptions() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(INIT_EXTRA, OptionDecl.of(OptionType.string(), "Commands run last by interactive shells (~/.bashrc).")
        .withDefault(Defaults.of("")).withExample("initExtra = \"set -o vi\""));
    o.put(PROFILE_EXTRA, OptionDecl.of(OptionType.string(), "Commands run by login shells (~/.bash_profile).")
        .withDefault(Defaults.of("")).withExample("profileExtra = \"umask 022\""));
    return o;
  }

  @Override
  protected void render(OptionValues options, ModuleContext context, ContributionBuilder out) {
    SourceLocation at = origin(options);
    out.text(".bash_profile", PosixShell.HEADER + "# From programs.bash.\n"
        + PosixShell.sourceSession()
        + PosixShell.block(options.string(PROFILE_EXTRA, ""))
        + "case $- in *i*) if [ -f \"$HOME/.bashrc\" ]; then . \"$HOME/.bashrc\"; fi ;; esac\n", at);
    StringBuilder rc = new StringBuilder(PosixShell.HEADER).append("# From programs.bash and home.shellAliases.\n");
    rc.append(PosixShell.sourceSession());
    rc.append("case $- in *i*) ;; *) return ;; esac\n\n");
    rc.append(PosixShell.aliases(ShellAliases.read(context.option(ShellAliases.OPTION), new ArrayList<>())));
    if (enabled(context, StarshipProgram.NAME)) {
      rc.append(PosixShell.starshipInit("bash"));
    }
    rc.append(PosixShell.block(options.string(INIT_EXTRA, "")));
    out.text(".bashrc", rc.toString(), at);
  }
}
