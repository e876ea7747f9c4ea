package io.statectl.plugins.services;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a typed {@code serviceConfig}, {@code unitConfig}, {@code timerConfig}… table may hold,
 * and how their values are written. systemd itself ignores an unknown key with a warning in the
 * journal; here a typo is a located error with a suggestion, before anything is built.
 */
final class UnitKeys {
  static final Set<String> UNIT = Set.of("Description", "Documentation", "Wants", "Requires", "Requisite",
      "BindsTo", "PartOf", "Upholds", "Conflicts", "Before", "After", "OnFailure", "OnSuccess", "PropagatesReloadTo",
      "ReloadPropagatedFrom", "JoinsNamespaceOf", "RequiresMountsFor", "OnFailureJobMode", "IgnoreOnIsolate",
      "StopWhenUnneeded", "RefuseManualStart", "RefuseManualStop", "AllowIsolate", "DefaultDependencies",
      "CollectMode", "FailureAction", "SuccessAction", "JobTimeoutSec", "StartLimitIntervalSec", "StartLimitBurst",
      "StartLimitAction", "RebootArgument", "ConditionPathExists", "ConditionPathIsDirectory",
      "ConditionFileNotEmpty", "ConditionVirtualization", "ConditionHost", "ConditionUser", "ConditionKernelCommandLine",
      "AssertPathExists", "X-Restart-Triggers", "X-Reload-Triggers");
  static final Set<String> SERVICE = Set.of("Type", "ExitType", "RemainAfterExit", "GuessMainPID", "PIDFile",
      "BusName", "ExecStart", "ExecStartPre", "ExecStartPost", "ExecCondition", "ExecReload", "ExecStop",
      "ExecStopPost", "RestartSec", "TimeoutStartSec", "TimeoutStopSec", "TimeoutAbortSec", "TimeoutSec",
      "RuntimeMaxSec", "WatchdogSec", "Restart", "SuccessExitStatus", "RestartPreventExitStatus",
      "RestartForceExitStatus", "RootDirectoryStartOnly", "NonBlocking", "NotifyAccess", "Sockets",
      "OOMPolicy", "User", "Group", "DynamicUser", "SupplementaryGroups", "WorkingDirectory", "RootDirectory",
      "Environment", "EnvironmentFile", "PassEnvironment", "UnsetEnvironment", "UMask", "Nice", "LimitNOFILE",
      "LimitNPROC", "LimitCORE", "StandardInput", "StandardOutput", "StandardError", "SyslogIdentifier",
      "KillMode", "KillSignal", "RestartKillSignal", "SendSIGHUP", "SendSIGKILL", "FinalKillSignal",
      "RuntimeDirectory", "StateDirectory", "CacheDirectory", "LogsDirectory", "ConfigurationDirectory",
      "RuntimeDirectoryMode", "StateDirectoryMode", "PrivateTmp", "PrivateDevices", "PrivateNetwork",
      "ProtectSystem", "ProtectHome", "NoNewPrivileges", "ReadOnlyPaths", "ReadWritePaths", "InaccessiblePaths",
      "CapabilityBoundingSet", "AmbientCapabilities", "MemoryMax", "CPUQuota", "TasksMax", "Slice", "Delegate");
  static final Set<String> TIMER = Set.of("OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec",
      "OnUnitInactiveSec", "OnCalendar", "AccuracySec", "RandomizedDelaySec", "FixedRandomDelay", "OnClockChange",
      "OnTimezoneChange", "Unit", "Persistent", "WakeSystem", "RemainAfterElapse");
  static final Set<String> SOCKET = Set.of("ListenStream", "ListenDatagram", "ListenSequentialPacket",
      "ListenFIFO", "ListenNetlink", "Accept", "MaxConnections", "BindIPv6Only", "Backlog", "SocketUser",
      "SocketGroup", "SocketMode", "DirectoryMode", "FreeBind", "Transparent", "ReusePort", "PassCredentials",
      "RemoveOnStop", "Symlinks", "Service", "FileDescriptorName", "TriggerLimitIntervalSec", "TriggerLimitBurst");
  static final Set<String> PATH = Set.of("PathExists", "PathExistsGlob", "PathChanged", "PathModified",
      "DirectoryNotEmpty", "Unit", "MakeDirectory", "DirectoryMode", "TriggerLimitIntervalSec",
      "TriggerLimitBurst");
  static final Set<String> INSTALL = Set.of("WantedBy", "RequiredBy", "Alias", "Also", "DefaultInstance");

  private UnitKeys() {}

  /** The keys of the unit type's own section. */
  static Set<String> forSection(String section) {
    return switch (section) {
      case "Unit" -> UNIT;
      case "Service" -> SERVICE;
      case "Timer" -> TIMER;
      case "Socket" -> SOCKET;
      case "Path" -> PATH;
      default -> INSTALL;
    };
  }

  /**
   * Adds every entry of a typed table to {@code section}, or a located problem for each unknown
   * key or value that is not a string, number, bool or list of them.
   *
   * @param option the table's option path, e.g. {@code systemd.services.web.serviceConfig}
   */
  static void copy(String option, ConfigTable table, String section, UnitFile.Builder unit,
      List<ConfigProblem> problems) {
    Set<String> known = forSection(section);
    for (Map.Entry<String, ConfigValue> e : table.entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        String hint = Suggestions.closest(e.getKey(), known).map(s -> "did you mean " + s + "?")
            .orElse("see systemd." + section.toLowerCase(java.util.Locale.ROOT) + "(5) for the keys of [" + section + "]");
        problems.add(new ConfigProblem(e.getValue().location(),
            option + "." + e.getKey() + ": [" + section + "] has no key " + e.getKey(), hint));
        continue;
      }
      List<String> values = new ArrayList<>();
      if (!values(e.getValue(), values)) {
        problems.add(new ConfigProblem(e.getValue().location(), option + "." + e.getKey()
            + ": expected a string, number, bool or list of them, got " + e.getValue().typeName(),
            "write e.g. " + e.getKey() + " = \"...\""));
        continue;
      }
      for (String v : values) {
        if (v.contains("\n")) {
          problems.add(new ConfigProblem(e.getValue().location(), option + "." + e.getKey()
              + ": a unit value is one line", "remove the line break"));
        } else {
          unit.add(section, e.getKey(), v);
        }
      }
    }
  }

  private static boolean values(ConfigValue v, List<String> out) {
    if (v instanceof ConfigString s) {
      out.add(s.value());
    } else if (v instanceof ConfigBool b) {
      out.add(b.value() ? "yes" : "no");
    } else if (v instanceof ConfigInt i) {
      out.add(Long.toString(i.value()));
    } else if (v instanceof ConfigFloat f) {
      out.add(Double.toString(f.value()));
    } else if (v instanceof ConfigList l) {
      for (ConfigValue item : l.items()) {
        if (item instanceof ConfigList || item instanceof ConfigTable || !values(item, out)) {
          return false;
        }
      }
    } else {
      return false;
    }
    return true;
  }
}
