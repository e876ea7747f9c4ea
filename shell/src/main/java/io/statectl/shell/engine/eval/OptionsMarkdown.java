package io.statectl.shell.engine.eval;

import io.statectl.kernel.eval.DeclaredOption;
import io.statectl.kernel.eval.EvaluatedValues;
import java.util.List;

/** The options reference in Markdown, generated from the declarations (docs/options.md). */
public final class OptionsMarkdown {
  private OptionsMarkdown() {}

  public static String render(List<DeclaredOption> options) {
    StringBuilder b = new StringBuilder();
    b.append("# Options reference\n\n");
    b.append("Generated from the option declarations by `statectl options --markdown`; do not edit by hand.\n");
    for (DeclaredOption o : options) {
      b.append("\n## `").append(o.path()).append("`\n\n");
      b.append(o.declaration().description()).append("\n\n");
      b.append("- type: ").append(o.declaration().type().describe()).append('\n');
      o.declaration().defaultValue().ifPresent(d -> b.append("- default: `").append(EvaluatedValues.render(d)).append("`\n"));
      if (o.declaration().presence() == io.statectl.api.option.OptionDecl.Presence.REQUIRED) {
        b.append("- required\n");
      }
      o.declaration().example().ifPresent(e -> b.append("- example: `").append(e).append("`\n"));
      b.append("- declared by: ").append(o.module()).append('\n');
    }
    return b.toString();
  }
}
