package io.statectl.shell.engine.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.statectl.kernel.diff.EtcChange;
import io.statectl.kernel.diff.EtcDiff;
import io.statectl.kernel.diff.ServiceChange;
import io.statectl.kernel.diff.ServicesDiff;
import io.statectl.kernel.generation.ActivationManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The services and {@code /etc} sections of {@code diff} and {@code show-generation}: units
 * added, removed and changed with what a switch does to each (the switch's own decision, see
 * {@link ServicesDiff}), and {@code /etc} files with how they are placed (link or copy, mode).
 *
 * @param services the unit changes, system units first
 * @param etc the {@code /etc} changes, by path
 */
record ServiceSections(List<ServiceChange> services, List<EtcChange> etc) {
  ServiceSections {
    services = List.copyOf(services);
    etc = List.copyOf(etc);
  }

  static ServiceSections between(Path genA, ActivationManifest a, Path genB, ActivationManifest b) {
    return new ServiceSections(ServicesDiff.between(genA, a, genB, b), EtcDiff.between(genA, a, genB, b));
  }

  /** {@code + tick.timer: start}, {@code ~ web.service: restart} and the unit diff under it (indented). */
  List<String> serviceLines(boolean withDiffs) {
    List<String> out = new ArrayList<>();
    for (ServiceChange c : services) {
      out.add(symbol(c.change()) + " " + c.label() + ": " + c.onSwitch().label);
      if (withDiffs) {
        c.unifiedDiff().lines().forEach(l -> out.add("    " + l));
      }
    }
    return out;
  }

  /** {@code + app/app.conf (link)}, {@code ~ motd (link → copy 0640 root:root)}. */
  List<String> etcLines(boolean withDiffs) {
    List<String> out = new ArrayList<>();
    for (EtcChange c : etc) {
      String how = c.before().isEmpty() ? c.after() : c.after().isEmpty() || c.after().equals(c.before()) ? c.before()
          : c.before() + " → " + c.after();
      out.add(symbol(c.change()) + " " + c.path() + " (" + how + ")");
      if (withDiffs) {
        c.unifiedDiff().lines().forEach(l -> out.add("    " + l));
      }
    }
    return out;
  }

  void services(ArrayNode into) {
    for (ServiceChange c : services) {
      into.addObject().put("change", c.change()).put("unit", c.unit()).put("scope", c.scope().name().toLowerCase())
          .put("onSwitch", c.onSwitch().name().toLowerCase().replace('_', '-')).put("unifiedDiff", c.unifiedDiff());
    }
  }

  void etc(ArrayNode into) {
    for (EtcChange c : etc) {
      into.addObject().put("change", c.change()).put("path", c.path()).put("before", c.before())
          .put("after", c.after()).put("unifiedDiff", c.unifiedDiff());
    }
  }

  static String symbol(String change) {
    switch (change) {
      case "added":
        return "+";
      case "removed":
        return "-";
      default:
        return "~";
    }
  }
}
