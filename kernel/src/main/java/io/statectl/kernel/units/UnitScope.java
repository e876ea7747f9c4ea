package io.statectl.kernel.units;

import java.util.List;

/** Whose systemd a unit belongs to: the machine's ({@code /etc/systemd/system}) or the user's. */
public enum UnitScope {
  SYSTEM("etc/systemd/system/", List.of()),
  USER(".config/systemd/user/", List.of("--user"));

  /** Where the unit files of this scope lie, relative to the root (system) or the home (user). */
  public final String directory;
  /** What {@code systemctl} and {@code journalctl} need to talk to this scope's manager. */
  public final List<String> managerFlags;

  UnitScope(String directory, List<String> managerFlags) {
    this.directory = directory;
    this.managerFlags = managerFlags;
  }
}
