package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One program under {@code programs.<name>}: it declares the program's typed options and renders
 * the program's native configuration files from them (never pasted text). Stateless, like every
 * module.
 *
 * <p>To add a program, write one small class: extend this one, annotate it {@code @Extension},
 * name the program in {@link #program()}, declare its options in {@link #programOptions()}
 * ({@code enable} is added here) and write its files in {@link #render}, which runs only when
 * {@code programs.<name>.enable = true}. Read another module's options with {@link
 * ModuleContext#option(String)} (e.g. {@code home.shellAliases}), report what the types cannot
 * say through {@link ContributionBuilder#problem} with the value's location, and never write one
 * target twice.
 *
 * <p>Each program is its own module at {@code programs.<name>} (not one {@code programs} module
 * composing them) so that programs from other plugins, such as {@code programs.hello}, sit beside
 * these under the same {@code programs} table.
 */
public abstract class ProgramModule implements StatectlModule {
  static final String ENABLE = "enable";

  /** The program's name: its options live under {@code programs.<name>}. */
  protected abstract String program();

  /** One line shown in option listings. */
  protected abstract String summary();

  /** The program's options, without {@code enable}. */
  protected abstract Map<String, OptionDecl> programOptions();

  /** Writes the program's files (and problems) for its evaluated options; runs only when enabled. */
  protected abstract void render(OptionValues options, ModuleContext context, ContributionBuilder out);

  @Override
  public final String namespace() {
    return "programs." + program();
  }

  @Override
  public final String description() {
    return summary();
  }

  @Override
  public final OptionDecl options() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(ENABLE, OptionDecl.of(OptionType.bool(), "Whether to configure " + program() + ".")
        .withDefault(Defaults.of(false)).withExample("enable = true"));
    o.putAll(programOptions());
    return OptionDecl.of(OptionType.submodule(o), summary());
  }

  @Override
  public final ModuleContribution contribute(ModuleContext context) {
    OptionValues options = OptionValues.of(context.config());
    if (!options.bool(ENABLE).orElse(false)) {
      return ModuleContribution.empty();
    }
    ContributionBuilder out = new ContributionBuilder();
    render(options, context, out);
    return out.build();
  }

  /** Where generated files say they come from: the {@code enable = true} that asked for them. */
  static SourceLocation origin(OptionValues options) {
    return options.location(ENABLE);
  }

  /** Whether another program is enabled, e.g. starship for a shell's prompt. */
  static boolean enabled(ModuleContext context, String program) {
    return OptionValues.of(context.option("programs." + program)).bool(ENABLE).orElse(false);
  }
}
