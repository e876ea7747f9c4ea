package io.statectl.kernel.eval;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;

/** The repository has no entry file for the requested host. */
public final class HostUnknownException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final String host;
  private final List<String> known;

  public HostUnknownException(String host, String repository, List<String> known) {
    super("no configuration for host '" + host + "' in " + repository + " (looked for hosts/" + host + ".toml)\n"
        + "  hint: " + (known.isEmpty()
            ? "create hosts/" + host + ".toml, or run `statectl init` to scaffold a repository"
            : "pass --host with one of: " + String.join(", ", known)));
    this.host = host;
    this.known = List.copyOf(known);
  }

  public String host() {
    return host;
  }

  public List<String> known() {
    return known;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.HOST_UNKNOWN;
  }
}
