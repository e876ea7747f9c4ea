package com.example.hello;

import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code programs.hello}: when enabled, writes {@code ~/.hello} with a greeting. The pattern every
 * module follows: declare typed options, let statectl merge and check them, then turn the value
 * into activation entries.
 */
@Extension
public final class HelloModule implements StatectlModule {

  @Override
  public String namespace() {
    return "programs.hello";
  }

  @Override
  public String description() {
    return "A greeting in ~/.hello";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put("enable", OptionDecl.of(OptionType.bool(), "Whether to write ~/.hello.").withDefault(Defaults.of(false)));
    o.put("greeting", OptionDecl.of(OptionType.string(), "The greeting.").withDefault(Defaults.of("Hello")));
    o.put("name", OptionDecl.of(OptionType.string(), "Who is greeted.").withDefault(Defaults.of("${system.hostname}")));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    ConfigTable t = (ConfigTable) context.config().orElseThrow();
    if (!((ConfigBool) t.get("enable").orElseThrow()).value()) {
      return ModuleContribution.empty();
    }
    String text = ((ConfigString) t.get("greeting").orElseThrow()).value() + ", "
        + ((ConfigString) t.get("name").orElseThrow()).value() + "!\n";
    return new ModuleContribution(
        List.of(new HomeFile(".hello", new FileContent.Text(text), FileMode.REGULAR, t.location())), List.of());
  }
}
