package io.statectl.kernel.activation;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;
import java.util.stream.Collectors;

/** Activation refused before changing anything: files statectl does not own are in the way. */
public final class ActivationConflictException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient List<Conflict> conflicts;

  public ActivationConflictException(List<Conflict> conflicts) {
    super("refusing to activate: " + conflicts.size() + " path(s) in the way that statectl does not own; nothing was changed\n"
        + conflicts.stream().map(c -> "  " + c.live() + " " + c.reason()).collect(Collectors.joining("\n"))
        + "\n  hint: rerun with --backup to save their content into the store (see `statectl backups`), or move them away");
    this.conflicts = List.copyOf(conflicts);
  }

  public List<Conflict> conflicts() {
    return conflicts;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.ACTIVATION_CONFLICT;
  }
}
