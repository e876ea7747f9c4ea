package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.api.Platform;
import io.statectl.api.SourceLocation;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigSources;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.SourceResolution;
import io.statectl.api.option.OptionType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plugin's own tests: the module against plugin-api values, without statectl running. */
class HelloModuleTest {
  static final SourceLocation AT = new SourceLocation("hosts/h.toml", 1, 1);

  static ModuleContext context(boolean enable) {
    Map<String, ConfigValue> v = Map.of("enable", new ConfigBool(enable, AT), "greeting", new ConfigString("Hi", AT),
        "name", new ConfigString("alice", AT));
    return new ModuleContext() {
      @Override
      public Optional<ConfigValue> config() {
        return Optional.of(new ConfigTable(v, AT));
      }

      @Override
      public String host() {
        return "h";
      }

      @Override
      public Platform platform() {
        return Platform.X86_64_LINUX;
      }

      @Override
      public ConfigSources sources() {
        return (at, p) -> new SourceResolution.Missing(p);
      }
    };
  }

  @Test
  void enabled_writesTheGreeting() {
    ModuleContribution c = new HelloModule().contribute(context(true));
    HomeFile f = (HomeFile) c.entries().get(0);
    assertEquals(".hello", f.target());
    assertEquals(new FileContent.Text("Hi, alice!\n"), f.content());
  }

  @Test
  void disabled_writesNothing() {
    assertTrue(new HelloModule().contribute(context(false)).entries().isEmpty());
  }

  @Test
  void declaresItsOptionsUnderItsNamespace() {
    HelloModule m = new HelloModule();
    assertEquals("programs.hello", m.namespace());
    assertTrue(((OptionType.Submodule) m.options().type()).options().containsKey("enable"));
  }
}
