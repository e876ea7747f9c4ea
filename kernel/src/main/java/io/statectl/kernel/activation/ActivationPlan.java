package io.statectl.kernel.activation;

import java.util.List;

/**
 * Everything an activation will do, computed before anything changes. A plan with conflicts is
 * never executed; {@code notes} are things left alone on purpose.
 */
public record ActivationPlan(List<PlanStep> steps, List<Conflict> conflicts, List<String> notes) {
  public ActivationPlan {
    steps = List.copyOf(steps);
    conflicts = List.copyOf(conflicts);
    notes = List.copyOf(notes);
  }

  public boolean executable() {
    return conflicts.isEmpty();
  }
}
