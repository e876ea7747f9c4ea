package io.statectl.plugins.services;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.activation.RootFile;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code environment.etc."<path>"}: files under the machine's {@code /etc}. Without {@code mode}
 * a file is a link into the system generation, like any root file; with {@code mode} (and
 * optionally {@code user}/{@code group}) programs that refuse links get a real copy, written
 * atomically by a managed setting whose revert removes exactly that file.
 */
@Extension
public final class EtcModule implements StatectlModule {
  static final String ETC = "etc";

  @Override
  public String namespace() {
    return "environment";
  }

  @Override
  public String description() {
    return "The machine's environment: environment.etc places files under /etc.";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> f = new LinkedHashMap<>();
    f.put("text", OptionDecl.of(OptionType.string(), "Inline content of the file."));
    f.put("source", OptionDecl.of(OptionType.path(), "A file of the configuration repository to place there."));
    f.put("mode", OptionDecl.of(OptionType.stringMatching("0?[0-7]{3}"),
        "Permissions such as \"0640\": the file becomes a copy (not a link) with this mode. Needs text.")
        .withExample("mode = \"0640\""));
    f.put("user", OptionDecl.of(OptionType.stringMatching("[A-Za-z0-9_][A-Za-z0-9_.-]*"), "Owner of a copied file.")
        .withDefault(Defaults.of("root")));
    f.put("group", OptionDecl.of(OptionType.stringMatching("[A-Za-z0-9_][A-Za-z0-9_.-]*"), "Group of a copied file.")
        .withDefault(Defaults.of("root")));
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(ETC, OptionDecl.of(OptionType.attrsOf(OptionType.submodule(f)),
        "Files under /etc, keyed by their path relative to /etc.").withDefault(Defaults.emptyTable())
        .withExample("environment.etc.\"motd\" = { text = \"Welcome\\n\" }"));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigTable> etc = context.config().filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast)
        .flatMap(t -> Values.table(t, ETC));
    if (etc.isEmpty()) {
      return ModuleContribution.empty();
    }
    List<ActivationEntry> entries = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : etc.get().entries().entrySet()) {
      ConfigTable t = (ConfigTable) e.getValue();
      String path = e.getKey();
      String option = "environment.etc.\"" + path + "\"";
      if (path.startsWith("/")) {
        problems.add(new ConfigProblem(t.location(), option + ": paths are relative to /etc",
            "write \"" + path.replaceFirst("^/+(etc/+)?", "") + "\""));
        continue;
      }
      if (!HomeFile.isSafeRelative(path)) {
        problems.add(new ConfigProblem(t.location(), option + ": not a plain relative path inside /etc",
            "use a normalised path without '..', e.g. \"app/app.conf\""));
        continue;
      }
      Optional<String> text = Values.string(t, "text");
      Optional<String> source = Values.string(t, "source");
      if (text.isPresent() == source.isPresent()) {
        problems.add(new ConfigProblem(t.location(), option + (text.isPresent() ? " sets both text and source"
            : " needs a text or a source"), "keep exactly one of them"));
        continue;
      }
      Optional<String> mode = Values.string(t, "mode");
      if (mode.isEmpty()) {
        FileContent content = text.<FileContent>map(FileContent.Text::new)
            .orElseGet(() -> new FileContent.RepositoryFile(source.get()));
        entries.add(new RootFile(ETC + "/" + path, content, FileMode.REGULAR, t.location()));
      } else if (source.isPresent()) {
        problems.add(new ConfigProblem(Values.at(t, "mode"), option + ": a mode (a copied file) needs text",
            "drop mode to link the source file, or give its content as text"));
      } else {
        entries.add(copy(path, text.get(), mode.get(), Values.string(t, "user").orElse("root"),
            Values.string(t, "group").orElse("root"), t));
      }
    }
    return problems.isEmpty() ? new ModuleContribution(entries, List.of()) : new ModuleContribution(List.of(), problems);
  }

  private static ManagedSetting copy(String path, String text, String mode, String user, String group, ConfigTable t) {
    String target = "@root@/" + ETC + "/" + path;
    // written next to the target and renamed: readers never see a half-written or wrongly owned file
    String script = "set -e; d=$(dirname \"$2\"); mkdir -p \"$d\"; t=\"$d/.statectl-tmp.$$\"; "
        + "printf '%s' \"$1\" > \"$t\"; chown \"$3:$4\" \"$t\"; chmod \"$5\" \"$t\"; mv -f \"$t\" \"$2\"";
    return new ManagedSetting("etc:" + path, ManagedSetting.Scope.SYSTEM, "linux",
        "mode " + mode + " " + user + ":" + group + " sha256 " + sha256(text),
        List.of(List.of("/bin/sh", "-c", script, "sh", text, target, user, group, mode)),
        List.of(List.of("/bin/rm", "-f", target)), t.location());
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
