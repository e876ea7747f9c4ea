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
 * {@code programs.zsh}: {@code ~/.zshenv} (read by every zsh, login or not: the session) and
 * {@code ~/.zshrc} (interactive shells: aliases, starship's prompt, initExtra).
 */
@Extension
public final class ZshProgram extends ProgramModule {
  static final String INIT_EXTRA = "initExtra";

  @Override
  protected String program() {
    return "zsh";
  }

  @Override
  protected String summary() {
    return "zsh: ~/.zshenv with the session and ~/.zshrc with home.shellAliases and your additions.";
  }

  @Override
  protected Map<String, OptionDecl> programOptions() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(INIT_EXTRA, OptionDecl.of(OptionType.string(), "Commands run last by interactive shells (~/.zshrc).")
        .withDefault(Defaults.of("")).withExample("initExtra = \"bindkey -v\""));
    return o;
  }

  @Override
  protected void render(OptionValues options, ModuleContext context, ContributionBuilder out) {
    SourceLocation at = origin(options);
    out.text(".zshenv", PosixShell.HEADER + "# From programs.zsh.\n" + PosixShell.sourceSession(), at);
    StringBuilder rc = new StringBuilder(PosixShell.HEADER).append("# From programs.zsh and home.shellAliases.\n");
    rc.append(PosixShell.aliases(ShellAliases.read(context.option(ShellAliases.OPTION), new ArrayList<>())));
    if (enabled(context, StarshipProgram.NAME)) {
      rc.append(PosixShell.starshipInit("zsh"));
    }
    rc.append(PosixShell.block(options.string(INIT_EXTRA, "")));
    out.text(".zshrc", rc.toString(), at);
  }
}
