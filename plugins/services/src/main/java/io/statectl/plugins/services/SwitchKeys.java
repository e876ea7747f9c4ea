package io.statectl.plugins.services;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * How a unit asks to be switched, written into its {@code [Unit]} section the way NixOS's
 * switch-to-configuration reads them: {@code X-RestartIfChanged=false},
 * {@code X-ReloadIfChanged=true}, {@code X-StopIfChanged=false} (written only when not the
 * default), and {@code X-Restart-Triggers=} / {@code X-Reload-Triggers=}: values whose change
 * restarts, or only reloads, the unit. systemd ignores {@code X-} keys.
 */
final class SwitchKeys {
  private SwitchKeys() {}

  static void add(UnitFile.Builder unit, boolean restartIfChanged, boolean reloadIfChanged, boolean stopIfChanged,
      List<String> restartTriggers, List<String> reloadTriggers) {
    if (!restartIfChanged) {
      unit.add("Unit", "X-RestartIfChanged", "false");
    }
    if (reloadIfChanged) {
      unit.add("Unit", "X-ReloadIfChanged", "true");
    }
    if (!stopIfChanged) {
      unit.add("Unit", "X-StopIfChanged", "false");
    }
    if (!restartTriggers.isEmpty()) {
      unit.add("Unit", "X-Restart-Triggers", digest(restartTriggers));
    }
    if (!reloadTriggers.isEmpty()) {
      unit.add("Unit", "X-Reload-Triggers", digest(reloadTriggers));
    }
  }

  /** A trigger list stands in the unit as one digest: triggers may be long or span lines. */
  private static String digest(List<String> values) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String v : values) {
        md.update(v.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
