package io.statectl.kernel.modules;

import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import io.statectl.kernel.eval.EvaluatedValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The core {@code store.*} options: where realisation may take binaries from instead of building. */
public final class StoreModule implements StatectlModule {
  public static final String PROVENANCE = "core";

  /** The evaluated {@code store.*} values realisation needs. */
  public record Settings(List<String> substituters, List<String> trustedPublicKeys, boolean requireSigs,
      Duration timeout) {
    public Settings {
      substituters = List.copyOf(substituters);
      trustedPublicKeys = List.copyOf(trustedPublicKeys);
    }

    /** Reads them from an evaluated configuration (defaults where unset). */
    public static Settings of(ConfigTable config) {
      return new Settings(strings(config, "substituters"), strings(config, "trustedPublicKeys"),
          value(config, "requireSigs").map(v -> ((ConfigBool) v).value()).orElse(true),
          Duration.ofSeconds(value(config, "substituteTimeout").map(v -> ((ConfigInt) v).value()).orElse(30L)));
    }

    /**
     * {@code store.sandbox} (Nix's {@code sandbox} setting): whether builds run under bubblewrap;
     * true when unset.
     */
    public static boolean sandbox(ConfigTable config) {
      return value(config, "sandbox").map(v -> ((ConfigBool) v).value()).orElse(true);
    }

    private static Optional<ConfigValue> value(ConfigTable config, String key) {
      return EvaluatedValues.at(config, List.of("store", key));
    }

    private static List<String> strings(ConfigTable config, String key) {
      List<String> out = new ArrayList<>();
      value(config, key).ifPresent(v -> ((ConfigList) v).items().forEach(i -> out.add(((ConfigString) i).value())));
      return out;
    }
  }

  @Override
  public String namespace() {
    return "store";
  }

  @Override
  public String description() {
    return "the store: binary caches to substitute from, and the keys they must be signed with";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put("substituters", OptionDecl.of(OptionType.listOf(OptionType.stringMatching("(file|https?)://.+")),
        "Binary caches (Nix's format) asked for a derivation's outputs before it is built: file:///dir, http(s)://…; "
            + "tried by their Priority, then in this order. `--substituters` replaces them for one command.")
        .withDefault(Defaults.emptyList()).withExample("substituters = [\"https://cache.example.org\"]"));
    o.put("trustedPublicKeys", OptionDecl.of(OptionType.listOf(OptionType.stringMatching("[^:\\s]+:[A-Za-z0-9+/=]+")),
        "Public keys (NAME:base64, from `statectl cache keygen` or Nix) whose signatures make a substitute acceptable.")
        .withDefault(Defaults.emptyList()).withExample("trustedPublicKeys = [\"cache.example.org-1:AbC…=\"]"));
    o.put("requireSigs", OptionDecl.of(OptionType.bool(),
        "Refuse substitutes without a signature by a trusted key. Turn off only for caches you fully control.")
        .withDefault(Defaults.of(true)).withExample("requireSigs = true"));
    o.put("substituteTimeout", OptionDecl.of(OptionType.intBetween(1, 3600),
        "Seconds one request to a substituter may take; a slower one is skipped (the next is tried, else the path is built).")
        .withDefault(Defaults.of(30L)).withExample("substituteTimeout = 10"));
    o.put("sandbox", OptionDecl.of(OptionType.bool(),
        "Build in the bubblewrap sandbox (Nix's `sandbox` setting). false is an escape hatch for machines without "
            + "user namespaces: builders then see your files and the network, and each such build is recorded as "
            + "unsandboxed. `--no-sandbox` does the same for one command.")
        .withDefault(Defaults.of(true)).withExample("sandbox = true"));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    return ModuleContribution.empty();
  }
}
