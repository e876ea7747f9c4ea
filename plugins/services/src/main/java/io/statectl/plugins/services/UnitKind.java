package io.statectl.plugins.services;

import java.util.List;

/** The unit types the {@code systemd.*} tables declare, with their section and default target. */
enum UnitKind {
  SERVICE("services", "service", "Service", "serviceConfig", List.of("multi-user.target")),
  TIMER("timers", "timer", "Timer", "timerConfig", List.of("timers.target")),
  SOCKET("sockets", "socket", "Socket", "socketConfig", List.of("sockets.target")),
  PATH("paths", "path", "Path", "pathConfig", List.of("paths.target"));

  final String table;
  final String suffix;
  final String section;
  final String configKey;
  final List<String> defaultWantedBy;

  UnitKind(String table, String suffix, String section, String configKey, List<String> defaultWantedBy) {
    this.table = table;
    this.suffix = suffix;
    this.section = section;
    this.configKey = configKey;
    this.defaultWantedBy = defaultWantedBy;
  }
}
