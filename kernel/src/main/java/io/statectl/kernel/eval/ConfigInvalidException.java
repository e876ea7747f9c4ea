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

  @Override
  public ErrorCode code() {
    return ErrorCode.CONFIG_INVALID;
  }
}
