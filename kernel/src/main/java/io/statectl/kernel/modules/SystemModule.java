package io.statectl.kernel.modules;

import io.statectl.api.Platform;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
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

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    return ModuleContribution.empty();
  }
}
