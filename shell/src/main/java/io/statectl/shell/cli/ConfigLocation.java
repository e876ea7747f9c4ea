package io.statectl.shell.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Defaults for {@code --config} and {@code --host}, shared by every command that evaluates. */
final class ConfigLocation {
  private ConfigLocation() {}

  /** {@code --config}, else {@code $STATECTL_CONFIG}, else the current directory. */
  static Path config(Path given) {
    if (given != null) {
      return given;
    }
    Invocation inv = Invocation.current();
    String env = inv.env().get("STATECTL_CONFIG");
    return inv.resolve(env != null && !env.isEmpty() ? env : ".");
  }

  /** {@code --host}, else this machine's host name. */
  static String host(String given) {
    if (given != null) {
      return given;
    }
    try {
      Path etc = Path.of("/etc/hostname");
      if (Files.isReadable(etc)) {
        String name = Files.readString(etc).trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
