package io.statectl.plugins.services;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.OptionDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code systemd} namespace, NixOS's full form: {@code systemd.services|timers|sockets|paths.<name>}
 * with typed {@code serviceConfig}/{@code unitConfig}/…, rendered into {@code /etc/systemd/system},
 * and {@code systemd.user.services.<name>} for the home profile's {@code systemd --user}.
 */
@Extension
public final class SystemdModule implements StatectlModule {

  @Override
  public String namespace() {
    return "systemd";
  }

  @Override
  public String description() {
    return "systemd units of the machine (services, timers, sockets, paths) and of the user (systemd.user.services).";
  }

  @Override
  public OptionDecl options() {
    return SystemdOptions.declaration(description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigValue> config = context.config();
    if (config.isEmpty() || !(config.get() instanceof ConfigTable systemd)) {
      return ModuleContribution.empty();
    }
    List<ActivationEntry> entries = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    boolean any = false;
    for (UnitKind kind : UnitKind.values()) {
      Optional<ConfigTable> units = Values.table(systemd, kind.table).filter(u -> !u.entries().isEmpty());
      any |= units.isPresent();
      units.ifPresent(u -> entries.addAll(SystemdUnitReader.read(kind, UnitPlacement.Scope.SYSTEM, "systemd", u, problems)));
    }
    Optional<ConfigTable> user = Values.table(systemd, SystemdOptions.USER)
        .flatMap(u -> Values.table(u, UnitKind.SERVICE.table)).filter(u -> !u.entries().isEmpty());
    if (user.isPresent()) {
      any = true;
      if (context.option("home.username").isEmpty()) {
        problems.add(new ConfigProblem(user.get().location(),
            "systemd.user.services belongs to a home profile, but this configuration has none (the system profile "
                + "has no user systemd)",
            "set home.username = \"<user>\" so the units go to ~/.config/systemd/user, or declare it under "
                + "systemd.services for the machine"));
      } else {
        entries.addAll(SystemdUnitReader.read(UnitKind.SERVICE, UnitPlacement.Scope.USER, "systemd.user", user.get(),
            problems));
      }
    }
    if (any && context.platform().isDarwin()) {
      return new ModuleContribution(List.of(), List.of(new ConfigProblem(systemd.location(),
          "systemd.* applies to Linux hosts (this host is " + context.platform().id() + ")",
          "move it under [when.linux], or declare portable services.<name> that become launchd jobs on macOS")));
    }
    return problems.isEmpty() ? new ModuleContribution(entries, List.of()) : new ModuleContribution(List.of(), problems);
  }
}
