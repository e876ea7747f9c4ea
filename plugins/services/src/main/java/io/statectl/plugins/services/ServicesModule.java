package io.statectl.plugins.services;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.CommandOption;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code services.<name>}: a service declared once for every platform. On Linux it becomes the
 * system unit {@code <name>.service} (wanted by {@code multi-user.target} while enabled); the
 * full systemd form is {@code systemd.services}. On macOS this module contributes nothing: the
 * darwin adapter reads the same declarations (through {@code ModuleContext.option("services")}) and
 * renders them as launchd daemons ({@code io.statectl.plugins.darwin.PortableServices}).
 */
@Extension
public final class ServicesModule implements StatectlModule {
  static final String COMMAND = "command";
  static final String RELOAD = "reload";
  static final String SCOPE = "scope";
  static final String SYSTEM = "system";
  static final String USER = "user";

  @Override
  public String namespace() {
    return "services";
  }

  @Override
  public String description() {
    return "Services declared once for every platform: systemd units of the machine on Linux, launchd daemons "
        + "(/Library/LaunchDaemons/org.statectl.<name>.plist) on macOS.";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> s = new LinkedHashMap<>();
    s.put("description", OptionDecl.of(OptionType.string(), "What the service is, shown by systemctl status."));
    s.put(COMMAND, OptionDecl.of(OptionType.anything(),
        "The program and its arguments: a list, or one string split into words as a shell would (quotes, "
            + "backslashes), without expanding variables or globs.").required()
        .withExample("command = [\"/usr/bin/python3\", \"-m\", \"http.server\", \"8080\"]"));
    s.put("environment", OptionDecl.of(OptionType.attrsOf(OptionType.string()), "Environment variables.")
        .withDefault(Defaults.emptyTable()));
    s.put("environmentFile", OptionDecl.of(OptionType.stringMatching("-?/[^\\n]*"),
        "A file of KEY=value lines read when the service starts (EnvironmentFile=; a leading - makes it "
            + "optional); typically a secret's path, never its content.")
        .withExample("environmentFile = \"${secrets.db.path}\""));
    s.put("workingDirectory", OptionDecl.of(OptionType.string(), "The directory the command runs in."));
    s.put("user", OptionDecl.of(OptionType.string(), "The user it runs as; root when unset."));
    s.put("group", OptionDecl.of(OptionType.string(), "The group it runs as."));
    s.put("restart", OptionDecl.of(OptionType.oneOf("no", "on-failure", "always"),
        "When the service manager restarts it after it exits.").withDefault(Defaults.of("on-failure")));
    s.put(RELOAD, OptionDecl.of(OptionType.anything(),
        "A command (list or string) that makes the running service reread its configuration; with it, a "
            + "change of only reloadTriggers reloads instead of restarting.")
        .withExample("reload = \"/bin/kill -HUP $MAINPID\""));
    s.put("restartTriggers", OptionDecl.of(OptionType.listOf(OptionType.string()),
        "Values whose change restarts the service on switch.").withDefault(Defaults.emptyList()));
    s.put("reloadTriggers", OptionDecl.of(OptionType.listOf(OptionType.string()),
        "Values whose change only reloads the service on switch.").withDefault(Defaults.emptyList()));
    s.put("after", OptionDecl.of(OptionType.listOf(OptionType.string()), "Units this one starts after.")
        .withDefault(Defaults.emptyList()));
    s.put("wants", OptionDecl.of(OptionType.listOf(OptionType.string()), "Units started along with this one.")
        .withDefault(Defaults.emptyList()));
    s.put("enable", OptionDecl.of(OptionType.bool(), "Whether the service exists and starts at boot.")
        .withDefault(Defaults.of(true)));
    s.put(SCOPE, OptionDecl.of(OptionType.oneOf(SYSTEM, USER),
        "Whose service it is: the machine's (a system unit; a launchd daemon in /Library/LaunchDaemons on macOS) or "
            + "the home profile's user (a user unit in ~/.config/systemd/user wanted by default.target; a launchd "
            + "agent in ~/Library/LaunchAgents on macOS). A user service needs home.username and runs as that user, "
            + "so it takes no user or group.").withDefault(Defaults.of(SYSTEM)));
    return OptionDecl.of(OptionType.attrsOf(OptionType.submodule(s)), description())
        .withDefault(Defaults.emptyTable())
        .withExample("services.web = { command = \"/usr/bin/python3 -m http.server 8080\", restart = \"always\" }");
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigValue> config = context.config();
    if (config.isEmpty() || !(config.get() instanceof ConfigTable services) || context.platform().isDarwin()) {
      return ModuleContribution.empty();
    }
    List<ActivationEntry> entries = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : services.entries().entrySet()) {
      ConfigTable t = (ConfigTable) e.getValue();
      String option = "services." + SystemdUnitReader.quoted(e.getKey());
      int before = problems.size();
      if (!UnitPlacement.validName(option, e.getKey(), t, problems) || !Values.bool(t, "enable", true)) {
        continue;
      }
      boolean user = Values.string(t, SCOPE).orElse(SYSTEM).equals(USER);
      if (user && !userScopeAllowed(option, t, context, problems)) {
        continue;
      }
      String target = user ? "default.target" : "multi-user.target";
      UnitFile.Builder unit = new UnitFile.Builder(e.getKey() + ".service", "Service");
      Values.string(t, "description").ifPresent(d -> unit.add("Unit", "Description", d));
      if (!Values.strings(t, "after").isEmpty()) {
        unit.add("Unit", "After", String.join(" ", Values.strings(t, "after")));
      }
      if (!Values.strings(t, "wants").isEmpty()) {
        unit.add("Unit", "Wants", String.join(" ", Values.strings(t, "wants")));
      }
      boolean reloadable = t.get(RELOAD).isPresent();
      SwitchKeys.add(unit, true, false, true, Values.strings(t, "restartTriggers"), Values.strings(t, "reloadTriggers"));
      // exec: `systemctl start` reports a program that cannot be executed, not only a crash later
      unit.add("Service", "Type", "exec");
      command(option + "." + COMMAND, t.get(COMMAND), t, problems).ifPresent(argv ->
          unit.add("Service", "ExecStart", CommandLines.systemd(argv)));
      if (reloadable) {
        command(option + "." + RELOAD, t.get(RELOAD), t, problems).ifPresent(argv ->
            unit.add("Service", "ExecReload", CommandLines.systemd(argv)));
      }
      unit.add("Service", "Restart", Values.string(t, "restart").orElse("on-failure"));
      Values.string(t, USER).ifPresent(u -> unit.add("Service", "User", u));
      Values.string(t, "group").ifPresent(g -> unit.add("Service", "Group", g));
      Values.string(t, "workingDirectory").ifPresent(w -> unit.add("Service", "WorkingDirectory", w));
      Values.stringTable(t, "environment").forEach((k, v) -> unit.add("Service", "Environment", CommandLines.environment(k, v)));
      Values.string(t, "environmentFile").ifPresent(f -> unit.add("Service", "EnvironmentFile", f));
      unit.add("Install", "WantedBy", target);
      if (problems.size() == before) {
        entries.addAll(UnitPlacement.entries(user ? UnitPlacement.Scope.USER : UnitPlacement.Scope.SYSTEM, unit.build(),
            List.of(target), t.location()));
      }
    }
    return problems.isEmpty() ? new ModuleContribution(entries, List.of()) : new ModuleContribution(List.of(), problems);
  }

  /**
   * Whether {@code scope = "user"} can be honoured: there is a home profile to put the unit in,
   * and no {@code user}/{@code group} (a user's service manager runs everything as that user).
   * Shared with the darwin adapter's reading through the same wording.
   */
  static boolean userScopeAllowed(String option, ConfigTable t, ModuleContext context, List<ConfigProblem> problems) {
    if (context.option("home.username").isEmpty()) {
      problems.add(new ConfigProblem(Values.at(t, SCOPE), option + ".scope = \"user\" belongs to a home profile, but "
          + "this configuration has none", "set home.username = \"<user>\", or leave scope at \"system\""));
      return false;
    }
    for (String key : List.of(USER, "group")) {
      if (t.get(key).isPresent()) {
        problems.add(new ConfigProblem(Values.at(t, key), option + "." + key + " cannot be set on a user service (it runs "
            + "as the home profile's user)", "remove " + key + ", or make it a system service (scope = \"system\")"));
        return false;
      }
    }
    return true;
  }

  /** A command given as a list of strings or as one string split like a shell would. */
  static Optional<List<String>> command(String option, Optional<ConfigValue> value, ConfigTable t,
      List<ConfigProblem> problems) {
    Optional<List<String>> argv = CommandOption.read(option, value, t.location(), problems);
    if (argv.isPresent() && argv.get().stream().anyMatch(a -> a.contains("\n"))) {
      problems.add(new ConfigProblem(value.get().location(), option + ": an argument holds a line break",
          "systemd command lines are one line; pass the text through a file or environment"));
      return Optional.empty();
    }
    return argv;
  }
}
