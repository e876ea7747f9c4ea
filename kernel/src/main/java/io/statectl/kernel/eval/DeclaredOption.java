package io.statectl.kernel.eval;

import io.statectl.api.option.OptionDecl;
import java.util.Objects;

/** One option of the schema with its full path and the module that declared it. */
public record DeclaredOption(String path, OptionDecl declaration, String module) {
  public DeclaredOption {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(declaration, "declaration");
    Objects.requireNonNull(module, "module");
  }
}
