package io.statectl.kernel.units;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import java.util.List;

/** Units failed to come up after a switch; each is named with its state and last journal lines. */
public final class UnitsFailedException extends KernelException {
  private static final long serialVersionUID = 1L;
  private final transient List<FailedUnit> failed;

  /**
   * @param outcome what state the machine is left in, e.g. "generation 3 is active" or "rolled back to generation 2"
   */
  public UnitsFailedException(List<FailedUnit> failed, String outcome, String hint) {
    super(message(failed, outcome, hint));
    this.failed = List.copyOf(failed);
  }

  public List<FailedUnit> failed() {
    return failed;
  }

  /** The names users see: {@code bad.service}, or {@code (user) x.service}. */
  public static List<String> names(List<FailedUnit> failed) {
    return failed.stream().map(f -> (f.scope() == UnitScope.USER ? "(user) " : "") + f.name()).toList();
  }

  private static String message(List<FailedUnit> failed, String outcome, String hint) {
    StringBuilder b = new StringBuilder(failed.size() + " unit(s) failed: " + String.join(", ", names(failed))
        + "; " + outcome);
    for (FailedUnit f : failed) {
      b.append("\n  ").append(f.name()).append(": ").append(f.state());
      f.journal().forEach(l -> b.append("\n    | ").append(l));
    }
    return b.append("\n  hint: ").append(hint).toString();
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.UNITS_FAILED;
  }
}
