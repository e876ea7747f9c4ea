package io.statectl.plugins.services;

import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The declarations of {@code systemd.*}: one table of named units per unit type, and {@code user.services}. */
final class SystemdOptions {
  static final String USER = "user";

  private SystemdOptions() {}

  static OptionDecl declaration(String description) {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    for (UnitKind kind : UnitKind.values()) {
      o.put(kind.table, units(kind, "system"));
    }
    Map<String, OptionDecl> user = new LinkedHashMap<>();
    user.put(UnitKind.SERVICE.table, units(UnitKind.SERVICE, "user"));
    o.put(USER, OptionDecl.of(OptionType.submodule(user),
        "Units of the user's own systemd (systemd --user), linked under ~/.config/systemd/user; needs home.username."));
    return OptionDecl.of(OptionType.submodule(o), description);
  }

  private static OptionDecl units(UnitKind kind, String scope) {
    Map<String, OptionDecl> u = new LinkedHashMap<>();
    u.put("enable", OptionDecl.of(OptionType.bool(), "Whether the unit is part of the generation at all.")
        .withDefault(Defaults.of(true)));
    u.put("description", OptionDecl.of(OptionType.string(), "Description= of the unit."));
    u.put("unitConfig", OptionDecl.of(OptionType.attrsOf(OptionType.anything()),
        "Keys of the [Unit] section (systemd.unit(5)); unknown keys are errors.")
        .withDefault(Defaults.emptyTable()).withExample("unitConfig = { StartLimitBurst = 3 }"));
    u.put(kind.configKey, OptionDecl.of(OptionType.attrsOf(OptionType.anything()),
        "Keys of the [" + kind.section + "] section (systemd." + kind.suffix + "(5)); unknown keys are errors; "
            + "a list writes the key once per item, a bool as yes/no.")
        .withDefault(Defaults.emptyTable()).withExample(example(kind)));
    String defaultTarget = scope.equals("user") ? "default.target" : kind.defaultWantedBy.get(0);
    u.put("wantedBy", OptionDecl.of(OptionType.listOf(OptionType.string()),
        "Targets that want this unit (a <target>.wants/ link); a new unit wanted by one is started on switch.")
        .withDefault(Defaults.listOf(defaultTarget)));
    for (String dep : List.of("after", "before", "wants", "requires")) {
      u.put(dep, OptionDecl.of(OptionType.listOf(OptionType.string()),
          "Units written into " + Character.toUpperCase(dep.charAt(0)) + dep.substring(1) + "= of [Unit].")
          .withDefault(Defaults.emptyList()));
    }
    u.put("restartTriggers", OptionDecl.of(OptionType.listOf(OptionType.string()),
        "Values whose change restarts the unit on switch, though the unit's own lines did not change.")
        .withDefault(Defaults.emptyList()));
    u.put("reloadTriggers", OptionDecl.of(OptionType.listOf(OptionType.string()),
        "Values whose change reloads (not restarts) the unit on switch.").withDefault(Defaults.emptyList()));
    if (kind == UnitKind.SERVICE) {
      u.put("environment", OptionDecl.of(OptionType.attrsOf(OptionType.string()),
          "Environment variables of the service's processes.").withDefault(Defaults.emptyTable()));
      u.put("restartIfChanged", OptionDecl.of(OptionType.bool(),
          "Whether a changed unit is restarted on switch; false leaves the running one alone.")
          .withDefault(Defaults.of(true)));
      u.put("reloadIfChanged", OptionDecl.of(OptionType.bool(),
          "Whether a changed unit is reloaded (ExecReload=) on switch instead of restarted.")
          .withDefault(Defaults.of(false)));
      u.put("stopIfChanged", OptionDecl.of(OptionType.bool(),
          "Whether a changed unit is stopped before the switch (with its old definition) and started after; "
              + "false restarts it after the switch.").withDefault(Defaults.of(true)));
    }
    return OptionDecl.of(OptionType.attrsOf(OptionType.submodule(u)),
        "systemd ." + kind.suffix + " units (" + scope + "), keyed by name without the suffix.")
        .withDefault(Defaults.emptyTable());
  }

  private static String example(UnitKind kind) {
    return switch (kind) {
      case SERVICE -> "serviceConfig = { ExecStart = \"/usr/bin/web --port 8080\", Restart = \"always\" }";
      case TIMER -> "timerConfig = { OnCalendar = \"daily\", Persistent = true }";
      case SOCKET -> "socketConfig = { ListenStream = \"127.0.0.1:8080\" }";
      case PATH -> "pathConfig = { PathChanged = \"/etc/app.conf\" }";
    };
  }
}
