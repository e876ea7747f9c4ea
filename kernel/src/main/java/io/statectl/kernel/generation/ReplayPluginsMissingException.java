package io.statectl.kernel.generation;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;

/**
 * {@code replay --apply} refused: the generation was built with plugins ({@code id@version}) that
 * are not installed now, so it could be neither realised again nor activated as it was made.
 * Nothing was changed.
 */
public final class ReplayPluginsMissingException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final int generation;
  private final List<String> missing;

  public ReplayPluginsMissingException(int generation, List<String> missing, List<String> installed) {
    super("generation " + generation + " was built with plugin(s) " + String.join(", ", missing)
        + ", not installed now (installed: " + (installed.isEmpty() ? "none" : String.join(", ", installed))
        + "); nothing was changed"
        + "\n  hint: install that version (`statectl plugin install PATH-OR-URL`, or `plugin upgrade`), then rerun;"
        + " or apply the configuration again as a new generation");
    this.generation = generation;
    this.missing = List.copyOf(missing);
  }

  public int generation() {
    return generation;
  }

  /** The recorded plugins that are not installed, {@code id@version}. */
  public List<String> missing() {
    return missing;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.REPLAY_PLUGINS_MISSING;
  }
}
