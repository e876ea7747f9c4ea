package io.statectl.plugins.services;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.RootFile;
import io.statectl.api.config.ConfigInt;
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
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code boot.*}: which boot loader entries statectl writes for the machine's generations and what
 * they boot. The module writes the declaration into the generation as {@code etc/statectl/boot}
 * (one {@code key<TAB>value} a line; the format of {@code io.statectl.kernel.boot.BootSpec}), which
 * the engine reads when it writes the entries; a generation without the file boots with the
 * defaults. Whether a declared kernel exists is checked against the root at activation, not here:
 * evaluation does not see the machine.
 */
@Extension
public final class BootModule implements StatectlModule {
  static final String SPEC = "etc/statectl/boot";

  @Override
  public String namespace() {
    return "boot";
  }

  @Override
  public String description() {
    return "Booting the machine's generations: boot.loader.*, boot.kernel, boot.initrd, boot.kernelParams.";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> loader = new LinkedHashMap<>();
    loader.put("type", OptionDecl.of(OptionType.oneOf("systemd-boot", "none"),
        "\"systemd-boot\": a Boot Loader Specification entry per kept generation under /boot/loader/entries; "
            + "\"none\": no entries (a container, another loader).").withDefault(Defaults.of("systemd-boot")));
    loader.put("configurationLimit", OptionDecl.of(OptionType.integer(),
        "How many of the newest system generations keep a boot entry (and so stay GC roots through it); at least 1.")
        .withDefault(Defaults.of(10)));
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put("loader", OptionDecl.of(OptionType.submodule(loader), "The boot loader.").withDefault(Defaults.emptyTable()));
    o.put("kernel", OptionDecl.of(OptionType.stringMatching("[^\\s]+"),
        "The kernel image, a path on the boot partition (<root>/boot); default: the newest vmlinuz-* there, if any.")
        .withExample("boot.kernel = \"/vmlinuz-6.1.0-13-amd64\""));
    o.put("initrd", OptionDecl.of(OptionType.stringMatching("[^\\s]+"),
        "The initrd, a path on the boot partition; default: the initrd.img-* of the default kernel, if any."));
    o.put("kernelParams", OptionDecl.of(OptionType.listOf(OptionType.stringMatching("[^\\s]+")),
        "Further kernel command line words, after init= and statectl.generation=.").withDefault(Defaults.emptyList()));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigTable> ns = context.config().filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast);
    if (ns.isEmpty() || ns.get().entries().isEmpty()) {
      return ModuleContribution.empty();
    }
    ConfigTable boot = ns.get();
    Optional<ConfigTable> loader = Values.table(boot, "loader");
    Optional<Long> limit = loader.flatMap(l -> l.get("configurationLimit")).filter(ConfigInt.class::isInstance)
        .map(v -> ((ConfigInt) v).value());
    if (limit.isPresent() && limit.get() < 1) {
      return new ModuleContribution(List.of(), List.of(new ConfigProblem(Values.at(loader.get(), "configurationLimit"),
          "boot.loader.configurationLimit = " + limit.get() + " keeps no boot entry (STC-E256)",
          "set it to 1 or more (default 10): that many of the newest generations keep an entry")));
    }
    String type = loader.flatMap(l -> Values.string(l, "type")).orElse("systemd-boot");
    if (Values.string(boot, "kernel").isEmpty() && Values.string(boot, "initrd").isEmpty()
        && Values.strings(boot, "kernelParams").isEmpty() && type.equals("systemd-boot")
        && limit.orElse(10L) == 10L) {
      // Only the defaults (which evaluation fills in for every configuration): no root file, so a
      // configuration without root files stays one, and generations keep their hashes.
      return ModuleContribution.empty();
    }
    StringBuilder spec = new StringBuilder("# statectl boot declaration, read when the boot entries are written\n");
    spec.append("loader\t").append(type).append('\n');
    Values.string(boot, "kernel").ifPresent(k -> spec.append("kernel\t").append(k).append('\n'));
    Values.string(boot, "initrd").ifPresent(k -> spec.append("initrd\t").append(k).append('\n'));
    Values.strings(boot, "kernelParams").forEach(p -> spec.append("param\t").append(p).append('\n'));
    spec.append("configurationLimit\t").append(limit.orElse(10L)).append('\n');
    List<ActivationEntry> entries = List.of(new RootFile(SPEC, new FileContent.Text(spec.toString()),
        FileMode.REGULAR, boot.location()));
    return new ModuleContribution(entries, List.of());
  }
}
