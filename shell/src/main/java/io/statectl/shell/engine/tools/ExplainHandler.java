package io.statectl.shell.engine.tools;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.ErrorExplanations;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;

/** {@code statectl explain}: the long form of an error code, from {@link ErrorExplanations}. */
public final class ExplainHandler {
  private final Output out;

  public ExplainHandler(Output out) {
    this.out = out;
  }

  public int explain(Request.Explain r) {
    ErrorExplanations all = ErrorExplanations.bundled();
    if (r.code().isEmpty()) {
      for (ErrorCode c : ErrorCode.values()) {
        out.result(String.format("%s  exit %3d  %s", c.id(), c.exitCode(), c.meaning()));
      }
      return 0;
    }
    String typed = r.code().get().trim();
    // "E001" and "1" are accepted too: what a user copies from a message varies
    String id = typed.toUpperCase(java.util.Locale.ROOT);
    if (id.matches("\\d{1,3}")) {
      id = String.format("STC-E%03d", Integer.parseInt(id));
    } else if (id.matches("E\\d{3}")) {
      id = "STC-" + id;
    }
    ErrorCode code = ErrorExplanations.code(id).orElseThrow(() -> new UsageException(
        "there is no error code " + typed, "`statectl explain` with no argument lists every code"));
    ErrorExplanations.Explanation e = all.of(code).orElseThrow(
        () -> new IllegalStateException(code.id() + " has no explanation in error-codes.txt"));
    out.result(code.id() + " (" + code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "): " + code.meaning());
    out.result("  exit code: " + code.exitCode());
    out.result("  typical cause: " + e.cause());
    out.result("  fix: " + e.fix());
    return 0;
  }
}
