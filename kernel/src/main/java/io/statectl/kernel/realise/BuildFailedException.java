package io.statectl.kernel.realise;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;

/** One or more builds failed; carries each failure. */
public final class BuildFailedException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient List<BuildFailure> failures;

  public BuildFailedException(List<BuildFailure> failures) {
    super(message(failures));
    this.failures = List.copyOf(failures);
  }

  public List<BuildFailure> failures() {
    return failures;
  }

  private static String message(List<BuildFailure> failures) {
    StringBuilder b = new StringBuilder(failures.size() == 1 ? "a build failed" : failures.size() + " builds failed");
    for (BuildFailure f : failures) {
      b.append("\n  ").append(f.derivation()).append(": ").append(f.reason());
      f.log().ifPresent(l -> b.append("\n    log: statectl log ").append(f.derivation()));
    }
    return b.toString();
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.BUILD_FAILED;
  }
}
