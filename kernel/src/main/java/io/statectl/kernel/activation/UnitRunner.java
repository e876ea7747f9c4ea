package io.statectl.kernel.activation;

import io.statectl.kernel.units.FailedUnit;
import io.statectl.kernel.units.Systemctl;
import io.statectl.kernel.units.UnitDecision;
import io.statectl.kernel.units.UnitReport;
import java.util.ArrayList;
import java.util.List;

/** Carries out the unit steps of a plan with {@code systemctl}. */
final class UnitRunner {
  private UnitRunner() {}

  static void stop(PlanStep.StopUnits s) {
    Systemctl systemctl = new Systemctl();
    systemctl.run(s.decision().scope(), "stop", s.units());
    // a gone unit that had failed stays listed as failed until reset
    if (!s.decision().stop().isEmpty()) {
      systemctl.run(s.decision().scope(), "reset-failed", s.decision().stop());
    }
  }

  static UnitReport switchUnits(PlanStep.SwitchUnits s) {
    Systemctl systemctl = new Systemctl();
    UnitDecision d = s.decision();
    if (d.daemonReload()) {
      systemctl.run(d.scope(), "daemon-reload", List.of());
    }
    if (!d.reload().isEmpty()) {
      systemctl.run(d.scope(), "reload", d.reload());
    }
    if (!d.restart().isEmpty()) {
      systemctl.run(d.scope(), "restart", d.restart());
    }
    if (!s.started().isEmpty()) {
      systemctl.run(d.scope(), "start", s.started());
    }
    List<String> check = new ArrayList<>(d.reload());
    check.addAll(d.restart());
    check.addAll(s.started());
    List<FailedUnit> failed = systemctl.failed(d.scope(), check);
    return new UnitReport(List.of(d), failed);
  }
}
