package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.HomeDirectory;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code programs.ssh}: {@code ~/.ssh/config} with one {@code Host} block per entry of
 * {@code hosts} (sorted, {@code Host *} last, since ssh takes the first value it meets), and
 * {@code ~/.ssh} kept at {@code rwx------}.
 */
@Extension
public final class SshProgram extends ProgramModule {
  static final String HOSTS = "hosts";
  static final String CONFIG_FILE = ".ssh/config";

  @Override
  protected String program() {
    return "ssh";
  }

  @Override
  protected String summary() {
    return "ssh client: ~/.ssh/config with a Host block per programs.ssh.hosts entry.";
  }

  @Override
  protected Map<String, OptionDecl> programOptions() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(HOSTS, OptionDecl.of(OptionType.attrsOf(OptionType.submodule(SshHostBlock.options())),
        "Host blocks, keyed by the Host patterns (several separated by spaces; \"*\" for defaults, written last).")
        .withDefault(Defaults.emptyTable())
        .withExample("hosts.\"github.com\" = { user = \"git\", identityFile = \"~/.ssh/id_ed25519\" }"));
    return o;
  }

  @Override
  protected void render(OptionValues options, ModuleContext context, ContributionBuilder out) {
    SourceLocation at = origin(options);
    List<String> patterns = new ArrayList<>(options.table(HOSTS).entries().keySet());
    patterns.sort((a, b) -> a.equals("*") ? (b.equals("*") ? 0 : 1) : b.equals("*") ? -1 : a.compareTo(b));
    StringBuilder b = new StringBuilder(PosixShell.HEADER).append("# From programs.ssh.hosts.\n");
    for (String pattern : patterns) {
      ConfigValue host = options.table(HOSTS).entries().get(pattern);
      if (host instanceof ConfigTable t) {
        SshHostBlock.render(namespace() + "." + HOSTS + ".\"" + pattern + "\"", pattern, new OptionValues(t), out)
            .ifPresent(block -> b.append('\n').append(block));
      }
    }
    out.add(new HomeDirectory(".ssh", "rwx------", at));
    out.text(CONFIG_FILE, b.toString(), at);
  }
}
