package io.statectl.kernel.plugins;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;

/** One or more plugins could not be loaded; each failure names the plugin's id and version. */
public final class PluginLoadException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final List<String> failures;

  public PluginLoadException(String message, String hint, List<String> failures) {
    super(message + "\n  hint: " + hint);
    this.failures = List.copyOf(failures);
  }

  public List<String> failures() {
    return failures;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.PLUGIN_ERROR;
  }
}
