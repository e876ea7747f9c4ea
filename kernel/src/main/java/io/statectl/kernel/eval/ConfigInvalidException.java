package io.statectl.kernel.eval;

import io.statectl.api.module.ConfigProblem;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;
import java.util.stream.Collectors;

/** Evaluation found problems; every one of them is carried and printed, each with its location. */
public final class ConfigInvalidException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  public ConfigInvalidException(List<ConfigProblem> problems) {
    super("the configuration has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "; nothing was changed\n"
        + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  /** {@link ErrorCode#CONFIG_INVALID}, or the code every problem is tagged with ({@link ErrorCode#tag()}). */
  @Override
  public ErrorCode code() {
    java.util.Set<java.util.Optional<ErrorCode>> codes = problems.stream()
        .map(p -> ErrorCode.taggedIn(p.message())).collect(Collectors.toSet());
    return codes.size() == 1 ? codes.iterator().next().orElse(ErrorCode.CONFIG_INVALID) : ErrorCode.CONFIG_INVALID;
  }
}
