package io.statectl.kernel.eval;

import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test module declaring one option of every type, under {@code demo}. */
final class DemoModule implements StatectlModule {
  @Override
  public String namespace() {
    return "demo";
  }

  @Override
  public String description() {
    return "every option type";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> host = new LinkedHashMap<>();
    host.put("address", OptionDecl.of(OptionType.string(), "address").required());
    host.put("port", OptionDecl.of(OptionType.intBetween(1, 65535), "port").withDefault(Defaults.of(22)));
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put("enable", OptionDecl.of(OptionType.bool(), "on?").withDefault(Defaults.of(false)));
    o.put("count", OptionDecl.of(OptionType.intBetween(0, 10), "a count"));
    o.put("name", OptionDecl.of(OptionType.string(), "a name").withDefault(Defaults.of("anon")));
    o.put("email", OptionDecl.of(OptionType.stringMatching("[^@]+@[^@]+"), "an email"));
    o.put("shell", OptionDecl.of(OptionType.oneOf("bash", "zsh", "fish"), "a shell").withDefault(Defaults.of("bash")));
    o.put("script", OptionDecl.of(OptionType.path(), "a path"));
    o.put("tags", OptionDecl.of(OptionType.listOf(OptionType.string()), "tags").withDefault(Defaults.emptyList()));
    o.put("ports", OptionDecl.of(OptionType.listOf(OptionType.integer()), "ports"));
    o.put("env", OptionDecl.of(OptionType.attrsOf(OptionType.string()), "environment").withDefault(Defaults.emptyTable()));
    o.put("hosts", OptionDecl.of(OptionType.attrsOf(OptionType.submodule(host)), "hosts"));
    o.put("pkg", OptionDecl.of(OptionType.packageRef(), "a package"));
    Map<String, OptionDecl> nested = new LinkedHashMap<>();
    nested.put("level", OptionDecl.of(OptionType.integer(), "level").withDefault(Defaults.of(1)));
    nested.put("label", OptionDecl.of(OptionType.string(), "label"));
    o.put("nested", OptionDecl.of(OptionType.submodule(nested), "nested options"));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    return ModuleContribution.empty();
  }
}
