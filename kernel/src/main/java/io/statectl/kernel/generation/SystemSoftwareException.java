package io.statectl.kernel.generation;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;

/** The system profile's {@code sw/} farm of {@code system.packages} could not be written; nothing was activated. */
public final class SystemSoftwareException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> packages;

  public SystemSoftwareException(List<String> packages, RuntimeException cause) {
    super("cannot write the system profile's sw/ (the links to system.packages " + String.join(", ", packages)
        + "): " + reason(cause) + "; nothing was activated, the active generation is unchanged"
        + "\nhint: check the store's free space and inodes (df -h, df -i), and the package outputs with "
        + "`statectl store verify`; then apply again", cause);
    this.packages = List.copyOf(packages);
  }

  /** The packages whose outputs were being linked. */
  public List<String> packages() {
    return packages;
  }

  /** The innermost message: the file and the operating system's reason, not the wrapping layers. */
  private static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String own = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return root == t ? own : own + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.SYSTEM_SOFTWARE_WRITE;
  }
}
