package io.statectl.plugins.darwin;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.CommandOption;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The portable {@code services.<name>} declarations (declared by the services plugin, read here
 * through {@link io.statectl.api.module.ModuleContext#option}) as launchd jobs: what systemd
 * would run as {@code <name>.service} becomes the job {@code org.statectl.<name>}, a daemon in
 * {@code /Library/LaunchDaemons} (under the root) or, with {@code scope = "user"}, an agent in
 * {@code ~/Library/LaunchAgents} of the home profile.
 *
 * <p>The mapping: {@code command} → {@code ProgramArguments}; {@code environment} →
 * {@code EnvironmentVariables}; {@code workingDirectory}; {@code user}/{@code group} →
 * {@code UserName}/{@code GroupName}; {@code restart} {@code no}/{@code always}/{@code on-failure} →
 * {@code KeepAlive} false/true/{@code {SuccessfulExit = false}}; {@code enable = true} →
 * {@code RunAtLoad = true} ({@code false}: no job, as on Linux no unit). {@code restartTriggers}
 * and {@code reloadTriggers} are part of the job's state, so a change boots the job out and in
 * again. launchd cannot express {@code after}, {@code wants} or {@code reload} (no start order, no
 * dependencies, no reload action): each is a note, written into the plist as a comment.
 */
final class PortableServices {
  static final String LABEL_PREFIX = "org.statectl.";

  private PortableServices() {}

  /** The daemons of {@code services}, in definition order; problems are added to {@code problems}. */
  static List<LaunchdJob> read(ConfigTable services, boolean hasHomeProfile, List<ConfigProblem> problems) {
    List<LaunchdJob> out = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : services.entries().entrySet()) {
      if (e.getValue() instanceof ConfigTable t && bool(t, "enable", true)) {
        job(e.getKey(), t, hasHomeProfile, problems).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<LaunchdJob> job(String name, ConfigTable t, boolean hasHomeProfile, List<ConfigProblem> problems) {
    String option = "services.\"" + name + "\"";
    int before = problems.size();
    boolean agent = string(t, "scope").orElse("system").equals("user");
    if (agent && !hasHomeProfile) {
      problems.add(new ConfigProblem(at(t, "scope"), option + ".scope = \"user\" belongs to a home profile (a launchd "
          + "agent in ~/Library/LaunchAgents), but this configuration has none",
          "set home.username = \"<user>\", or leave scope at \"system\" (a daemon)"));
    }
    for (String key : agent ? List.of("user", "group") : List.<String>of()) {
      if (t.get(key).isPresent()) {
        problems.add(new ConfigProblem(at(t, key), option + "." + key + " cannot be set on a user service (a launchd "
            + "agent runs as the user whose session loads it)", "remove " + key + ", or make it a system service "
            + "(scope = \"system\")"));
      }
    }
    String label = LABEL_PREFIX + name;
    if (!LaunchdJob.isValidLabel(name)) {
      problems.add(new ConfigProblem(t.location(), option + ": \"" + name + "\" cannot be part of a launchd label ("
          + label + ")", "on macOS a service name is letters, digits, '.' and '-', not starting with '.' or '-', "
          + "e.g. \"web\""));
    }
    Optional<List<String>> argv = CommandOption.read(option + ".command", t.get("command"), t.location(), problems);
    LaunchdJobReader.checkPlistText(option, t, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    TreeMap<String, String> environment = new TreeMap<>();
    t.get("environment").ifPresent(v -> ((ConfigTable) v).entries()
        .forEach((k, s) -> environment.put(k, ((ConfigString) s).value())));
    List<String> triggers = new ArrayList<>();
    strings(t, "restartTriggers").forEach(s -> triggers.add("restart:" + s));
    strings(t, "reloadTriggers").forEach(s -> triggers.add("reload:" + s));
    List<String> args = argv.get();
    return Optional.of(new LaunchdJob(agent ? LaunchdJob.Kind.AGENT : LaunchdJob.Kind.DAEMON, label, args.get(0), args.subList(1, args.size()),
        environment, Optional.of(keepAlive(string(t, "restart").orElse("on-failure"))), Optional.of(true),
        OptionalLong.empty(), Optional.empty(), Optional.empty(), string(t, "workingDirectory"), string(t, "user"),
        string(t, "group"), triggers, notes(option, t), t.location()));
  }

  static LaunchdJob.KeepAlive keepAlive(String restart) {
    return switch (restart) {
      case "no" -> LaunchdJob.KeepAlive.NEVER;
      case "always" -> LaunchdJob.KeepAlive.ALWAYS;
      case "on-failure" -> LaunchdJob.KeepAlive.ON_FAILURE;
      default -> throw new IllegalArgumentException("restart is checked by its type: " + restart);
    };
  }

  /** What launchd cannot do, one sentence each (empty when the declaration asks for nothing of it). */
  static List<String> notes(String option, ConfigTable t) {
    List<String> out = new ArrayList<>();
    List<String> after = strings(t, "after");
    if (!after.isEmpty()) {
      out.add(option + ".after = " + after + " is not expressed: launchd starts jobs in no order");
    }
    List<String> wants = strings(t, "wants");
    if (!wants.isEmpty()) {
      out.add(option + ".wants = " + wants + " is not expressed: launchd has no dependencies, so nothing is "
          + "started along with this job (declare them as services too)");
    }
    if (t.get("reload").isPresent()) {
      out.add(option + ".reload is not expressed: launchd has no reload action, so a change of reloadTriggers "
          + "restarts the job (bootout, then bootstrap)");
    }
    return out;
  }

  private static io.statectl.api.SourceLocation at(ConfigTable t, String key) {
    return t.get(key).map(ConfigValue::location).orElse(t.location());
  }

  private static Optional<String> string(ConfigTable t, String key) {
    return t.get(key).filter(ConfigString.class::isInstance).map(v -> ((ConfigString) v).value());
  }

  private static boolean bool(ConfigTable t, String key, boolean absent) {
    return t.get(key).filter(ConfigBool.class::isInstance).map(v -> ((ConfigBool) v).value()).orElse(absent);
  }

  private static List<String> strings(ConfigTable t, String key) {
    return t.get(key).filter(ConfigList.class::isInstance)
        .map(v -> ((ConfigList) v).items().stream().map(i -> ((ConfigString) i).value()).toList()).orElse(List.of());
  }
}
