package io.statectl.plugins.services;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns one {@code systemd.<type>s.<name>} table into its unit file and links. */
final class SystemdUnitReader {
  private SystemdUnitReader() {}

  static List<ActivationEntry> read(UnitKind kind, UnitPlacement.Scope scope, String prefix, ConfigTable units,
      List<ConfigProblem> problems) {
    List<ActivationEntry> out = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : units.entries().entrySet()) {
      ConfigTable t = (ConfigTable) e.getValue();
      String option = prefix + "." + kind.table + "." + quoted(e.getKey());
      int before = problems.size();
      if (!UnitPlacement.validName(option, e.getKey(), t, problems) || !Values.bool(t, "enable", true)) {
        continue;
      }
      UnitFile.Builder unit = new UnitFile.Builder(e.getKey() + "." + kind.suffix, kind.section);
      Values.string(t, "description").ifPresent(d -> unit.add("Unit", "Description", d));
      for (String dep : List.of("after", "before", "wants", "requires")) {
        List<String> names = Values.strings(t, dep);
        if (!names.isEmpty()) {
          unit.add("Unit", Character.toUpperCase(dep.charAt(0)) + dep.substring(1), String.join(" ", names));
        }
      }
      Values.table(t, "unitConfig").ifPresent(c -> UnitKeys.copy(option + ".unitConfig", c, "Unit", unit, problems));
      if (kind == UnitKind.SERVICE) {
        Values.stringTable(t, "environment").forEach((k, v) ->
            unit.add("Service", "Environment", CommandLines.environment(k, v)));
      }
      Values.table(t, kind.configKey).ifPresent(c ->
          UnitKeys.copy(option + "." + kind.configKey, c, kind.section, unit, problems));
      SwitchKeys.add(unit, Values.bool(t, "restartIfChanged", true), Values.bool(t, "reloadIfChanged", false),
          Values.bool(t, "stopIfChanged", true), Values.strings(t, "restartTriggers"), Values.strings(t, "reloadTriggers"));
      if (kind == UnitKind.SERVICE && !unit.has("Service", "ExecStart")) {
        problems.add(new ConfigProblem(t.location(), option + " has no serviceConfig.ExecStart",
            "write serviceConfig = { ExecStart = \"/usr/bin/program --flag\" }, or use services." + e.getKey()
                + ".command"));
      }
      List<String> wantedBy = Values.stringsIfSet(t, "wantedBy")
          .orElse(scope == UnitPlacement.Scope.USER ? List.of("default.target") : kind.defaultWantedBy);
      for (String target : wantedBy) {
        UnitPlacement.validTarget(option, target, t, problems);
      }
      wantedBy.forEach(target -> unit.add("Install", "WantedBy", target));
      if (problems.size() == before) {
        out.addAll(UnitPlacement.entries(scope, unit.build(), wantedBy, t.location()));
      }
    }
    return out;
  }

  static String quoted(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
  }
}
