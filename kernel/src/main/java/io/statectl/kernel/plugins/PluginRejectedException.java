package io.statectl.kernel.plugins;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.Objects;

/** A plugin archive was refused before anything was installed; {@link #reason()} says why. */
public final class PluginRejectedException extends KernelException {
  private static final long serialVersionUID = 1L;

  /** Why a plugin was refused. */
  public enum Reason {
    UNREADABLE, NOT_A_JAR, NO_DESCRIPTOR, INCOMPATIBLE_API, HASH_MISMATCH, HASH_REQUIRED, DUPLICATE_ID,
    LOAD_FAILED, NAMESPACE_VIOLATION, NOT_INSTALLED, IN_USE, NOT_PINNED
  }

  private final Reason reason;
  private final String source;

  public PluginRejectedException(Reason reason, String source, String message, String hint) {
    super(message + "\n  hint: " + hint);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.source = source;
  }

  public Reason reason() {
    return reason;
  }

  public String source() {
    return source;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.PLUGIN_ERROR;
  }
}
