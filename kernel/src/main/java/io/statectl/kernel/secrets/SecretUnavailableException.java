package io.statectl.kernel.secrets;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;

/**
 * A secret this host needs cannot be decrypted here: which secret, which file, to whom it is
 * encrypted and which key this host has. Raised before anything changes.
 */
public final class SecretUnavailableException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;
  private final ErrorCode code;

  public SecretUnavailableException(List<String> problems, ErrorCode code) {
    super(String.join("\n", problems) + "\nnothing was changed");
    this.problems = List.copyOf(problems);
    this.code = code;
  }

  /** One line per secret that cannot be opened. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
