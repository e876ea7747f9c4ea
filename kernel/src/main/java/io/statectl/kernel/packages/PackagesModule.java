package io.statectl.kernel.packages;

import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.module.Suggestions;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core {@code packages.<name>} options: software built from source by a shell script, in the
 * sandbox. Contributes no activation entries (what reaches a profile is listed by {@code
 * system.packages} and {@code home.packages}); checks that every {@code buildInputs} name is a
 * package, that there is no cycle, and that a URL source has a hash.
 */
public final class PackagesModule implements StatectlModule {
  public static final String PROVENANCE = "core";

  @Override
  public String namespace() {
    return "packages";
  }

  @Override
  public String description() {
    return "software built from source in the sandbox: version, src or url+sha256, patches, buildInputs, build";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put("version", OptionDecl.of(OptionType.string(), "The version; the output is named <name>-<version>.")
        .withDefault(Defaults.of("")).withExample("version = \"1.2\""));
    o.put("src", OptionDecl.of(OptionType.string(),
        "The source: a file (a .tar.gz/.tar is unpacked) or directory of the configuration repository, "
            + "relative to this file. Exclusive with url.").withExample("src = \"../src/hello\""));
    o.put("url", OptionDecl.of(OptionType.stringMatching("(https?|file)://.+"),
        "Download the source (http, https or file URL); needs sha256. Exclusive with src.")
        .withExample("url = \"https://example.org/hello-1.2.tar.gz\""));
    o.put("sha256", OptionDecl.of(OptionType.stringMatching("(sha256:)?[0-9a-f]{64}"),
        "The SHA-256 (hexadecimal) the downloaded file must have; a mismatch fails and keeps nothing."));
    o.put("patches", OptionDecl.of(OptionType.listOf(OptionType.path()),
        "Patches applied in order with patch -p1 in the unpacked source. Lists from several files "
            + "concatenate, so one host adds a patch with one table.").withDefault(Defaults.emptyList()));
    o.put("buildInputs", OptionDecl.of(OptionType.listOf(OptionType.packageRef()),
        "Packages the build uses: their bin/ directories are on PATH, their outputs readable.")
        .withDefault(Defaults.emptyList()));
    o.put("build", OptionDecl.of(OptionType.string(),
        "Shell script run in the unpacked, patched source; it must create $out. PATH holds the buildInputs "
            + "and the bootstrap tools (sh, coreutils, tar, gzip, patch, sed, grep, find) only.")
        .withDefault(Defaults.of("cp -R . \"$out\"")).withExample("build = \"mkdir -p $out/bin && cp hello.sh $out/bin/hello\""));
    o.put("platforms", OptionDecl.of(OptionType.listOf(OptionType.string()),
        "Platforms the package builds on, e.g. [\"x86_64-linux\"]; empty means all.").withDefault(Defaults.emptyList()));
    return OptionDecl.of(OptionType.attrsOf(OptionType.submodule(o)), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (context.config().isEmpty() || !(context.config().get() instanceof ConfigTable all)) {
      return ModuleContribution.empty();
    }
    for (Map.Entry<String, ConfigValue> e : all.entries().entrySet()) {
      if (!(e.getValue() instanceof ConfigTable p)) {
        continue;
      }
      Optional<ConfigValue> url = Optional.ofNullable(p.entries().get("url"));
      Optional<ConfigValue> src = Optional.ofNullable(p.entries().get("src"));
      if (url.isPresent() && src.isPresent()) {
        problems.add(new ConfigProblem(url.get().location(), "packages." + e.getKey() + ": both src and url are set",
            "keep one: src for a file of the repository, url (with sha256) for a download"));
      }
      if (url.isPresent() && !p.entries().containsKey("sha256")) {
        problems.add(new ConfigProblem(url.get().location(), "packages." + e.getKey() + ": url needs sha256",
            "add sha256 = \"<hex>\"; `sha256sum FILE` computes it"));
      }
      if (p.entries().get("buildInputs") instanceof ConfigList inputs) {
        for (ConfigValue i : inputs.items()) {
          String name = ((ConfigString) i).value();
          if (!all.entries().containsKey(name)) {
            problems.add(new ConfigProblem(i.location(), "packages." + e.getKey() + ".buildInputs: no package '"
                + name + "'", Suggestions.closest(name, all.entries().keySet())
                .map(s -> "did you mean '" + s + "'?").orElse("declare [packages." + name + "]")));
          }
        }
      }
    }
    PackageSet.cycle(all).ifPresent(c -> problems.add(new ConfigProblem(all.location(),
        "packages: buildInputs form a cycle: " + String.join(" -> ", c), "remove one of these buildInputs")));
    return new ModuleContribution(List.of(), problems);
  }
}
