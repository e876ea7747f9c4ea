package io.statectl.kernel.modules;

import io.statectl.api.Platform;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The core {@code system.*} options: facts about the machine that every module may refer to. */
public final class SystemModule implements StatectlModule {
  public static final String PROVENANCE = "core";

  @Override
  public String namespace() {
    return "system";
  }

  @Override
  public String description() {
    return "facts about the machine: host name, platform, state version";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put("hostname", OptionDecl.of(OptionType.stringMatching("[A-Za-z0-9][A-Za-z0-9.-]*"),
        "The machine's host name. Defaults to the name of the host entry file (hosts/<name>.toml).")
        .withExample("hostname = \"laptop\""));
    o.put("platform", OptionDecl.of(OptionType.oneOf(Platform.ids().toArray(String[]::new)),
        "The platform this host runs on; selects [when.linux] / [when.darwin] sections. Defaults to "
            + "--platform, else the machine statectl runs on.")
        .withExample("platform = \"aarch64-darwin\""));
    o.put("stateVersion", OptionDecl.of(OptionType.stringMatching("[0-9]+\\.[0-9]+"),
        "The statectl release whose defaults this configuration was written against; keep it when upgrading.")
        .withDefault(Defaults.of("0.1")).withExample("stateVersion = \"0.1\""));
    o.put("packages", OptionDecl.of(OptionType.listOf(OptionType.packageRef()),
        "Packages (names of packages.<name>) installed for the whole machine; `statectl apply` builds them.")
        .withDefault(Defaults.emptyList()).withExample("packages = [\"hello\"]"));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  /**
   * The newest state version this statectl knows the defaults of. A configuration written against
   * a newer release's defaults would be evaluated with the wrong ones, silently: refuse it instead.
   * Each release that changes a default raises this and keeps the old default for older versions.
   */
  public static final String NEWEST_STATE_VERSION = "0.1";

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    if (context.config().orElse(null) instanceof ConfigTable system
        && system.get("stateVersion").orElse(null) instanceof ConfigString v
        && compare(v.value(), NEWEST_STATE_VERSION) > 0) {
      return new ModuleContribution(List.of(), List.of(new ConfigProblem(v.location(),
          "system.stateVersion \"" + v.value() + "\" is newer than this statectl, whose defaults go up to "
              + NEWEST_STATE_VERSION,
          "upgrade statectl, or set the stateVersion this configuration was really written for")));
    }
    return ModuleContribution.empty();
  }

  /** Compares two {@code MAJOR.MINOR} versions numerically (so 0.10 is newer than 0.9). */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }
}
