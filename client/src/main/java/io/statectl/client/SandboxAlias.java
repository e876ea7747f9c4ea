package io.statectl.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deprecated {@code STATECTL_NO_SANDBOX=1}, kept as an alias of {@code --no-sandbox}: the
 * process the user started (the thin client, or the engine under {@code --no-server}) adds the
 * flag to the one command it runs. The resident server never reads the variable, so a server
 * started from a shell that had it set no longer builds unsandboxed for every later client.
 */
public final class SandboxAlias {
  /** The variable, still honoured for one command at a time. */
  public static final String VARIABLE = "STATECTL_NO_SANDBOX";
  static final String FLAG = "--no-sandbox";
  private static final Set<String> BUILDING_COMMANDS = Set.of("build", "apply", "install");

  private SandboxAlias() {}

  /**
   * {@code argv} with {@code --no-sandbox} after the command name when {@code env} sets the
   * variable to 1 and the command builds (unchanged otherwise, and when the flag is already there).
   */
  public static List<String> translate(List<String> argv, Map<String, String> env) {
    if (!"1".equals(env.get(VARIABLE)) || argv.contains(FLAG)) {
      return argv;
    }
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.startsWith("-")) {
        continue; // a launcher flag such as --no-server
      }
      if (!BUILDING_COMMANDS.contains(a)) {
        return argv;
      }
      List<String> out = new ArrayList<>(argv);
      out.add(i + 1, FLAG);
      return out;
    }
    return argv;
  }

  /** The warning printed when the variable was translated. */
  public static String warning() {
    return "statectl: warning: " + VARIABLE + "=1 is deprecated; use `" + FLAG + "` (this command only) or "
        + "store.sandbox = false in the configuration\n";
  }
}
