package io.statectl.plugins.darwin;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.config.ConfigBool;
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
 * The {@code darwin} namespace: launchd agents and daemons ({@link LaunchdJobReader}, {@link
 * LaunchdEntries}), the portable {@code services.*} as launchd daemons ({@link PortableServices}), macOS defaults ({@link DefaultsSettings}) and the {@code ~/Applications}
 * link ({@link ApplicationsLink}). On a host that is not a Mac, any {@code darwin.*} definition is
 * one problem pointing at {@code [when.darwin]}; with none, the module contributes nothing.
 */
@Extension
public final class DarwinModule implements StatectlModule {
  /** The {@link io.statectl.api.activation.ManagedSetting#family()} of every setting here. */
  static final String FAMILY = "darwin";

  @Override
  public String namespace() {
    return "darwin";
  }

  @Override
  public String description() {
    return "macOS: launchd agents and daemons, defaults, and ~/Applications for the home profile's apps.";
  }

  @Override
  public OptionDecl options() {
    return DarwinOptions.declaration(description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigValue> config = context.config();
    Optional<ConfigTable> services = context.option("services").filter(ConfigTable.class::isInstance)
        .map(ConfigTable.class::cast).filter(s -> !s.entries().isEmpty());
    Optional<ConfigTable> declared = config.filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast);
    if (declared.isEmpty() && (services.isEmpty() || !context.platform().isDarwin())) {
      return ModuleContribution.empty();
    }
    ConfigTable darwin = declared.orElseGet(() -> new ConfigTable(java.util.Map.of(), services.get().location()));
    if (!context.platform().isDarwin()) {
      return UserDefinitions.firstUnder(darwin)
          .map(at -> new ModuleContribution(List.of(), List.of(new ConfigProblem(
              UserDefinitions.isDefault(darwin.location()) ? at : darwin.location(),
              "darwin.* applies to macOS hosts (this host is " + context.platform().id() + ")",
              "move it under [when.darwin]"))))
          .orElse(ModuleContribution.empty());
    }
    List<ActivationEntry> entries = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    Optional<ConfigTable> launchd = table(darwin, DarwinOptions.LAUNCHD);
    for (LaunchdJob.Kind kind : LaunchdJob.Kind.values()) {
      String key = kind == LaunchdJob.Kind.AGENT ? DarwinOptions.AGENTS : DarwinOptions.DAEMONS;
      launchd.flatMap(l -> table(l, key)).ifPresent(jobs ->
          LaunchdJobReader.read(kind, jobs, problems).forEach(job -> entries.addAll(LaunchdEntries.of(job))));
    }
    services.ifPresent(s -> PortableServices.read(s, context.option("home.username").isPresent(), problems).forEach(job -> entries.addAll(LaunchdEntries.of(job))));
    table(darwin, DarwinOptions.DEFAULTS).ifPresent(d -> entries.addAll(DefaultsSettings.read(d, problems)));
    Optional<ConfigValue> link = darwin.get(DarwinOptions.LINK_APPLICATIONS);
    if (link.isPresent() && ((ConfigBool) link.get()).value()) {
      SourceLocation at = UserDefinitions.isDefault(link.get().location()) ? darwin.location() : link.get().location();
      ApplicationsLink.of(context, at).ifPresent(entries::add);
    }
    return problems.isEmpty() ? new ModuleContribution(entries, List.of()) : new ModuleContribution(List.of(), problems);
  }

  private static Optional<ConfigTable> table(ConfigTable t, String key) {
    return t.get(key).filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast);
  }
}
