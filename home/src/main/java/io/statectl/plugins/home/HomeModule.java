package io.statectl.plugins.home;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.UserProfile;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.StatectlModule;
import io.statectl.api.module.Suggestions;
import io.statectl.api.option.Defaults;
import io.statectl.api.option.OptionDecl;
import io.statectl.api.option.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code home.*}: a user's profile of packages, the session every login shell sets up, and files
 * in the home. Once {@code home.username} is set it contributes the {@link UserProfile} (which
 * moves the home-scoped entries into the profile {@code home-<username>}), the {@code home.file}
 * entries and the generated {@value HomeLayout#SESSION_VARS}.
 */
@Extension
public final class HomeModule implements StatectlModule {
  static final String USERNAME = "username";
  static final String DIRECTORY = "directory";
  static final String PACKAGES = "packages";
  static final String PRIORITIES = "packagePriorities";
  static final String SESSION_VARIABLES = "sessionVariables";
  static final String SESSION_PATH = "sessionPath";
  static final String SHELL_ALIASES = "shellAliases";
  static final String FILE = "file";
  static final String SECRETS = "secrets";

  @Override
  public String namespace() {
    return "home";
  }

  @Override
  public String description() {
    return "A user's home: the packages of their profile, session variables and PATH, shell aliases and files.";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put(USERNAME, OptionDecl.of(OptionType.stringMatching("[a-z_][a-z0-9_.-]{0,31}"),
        "The user whose home this is; names the profile home-<username>. Every other home.* option needs it.")
        .withExample("username = \"alice\""));
    o.put(DIRECTORY, OptionDecl.of(OptionType.string(),
        "The home directory, for information; empty means /home/<username> on Linux and /Users/<username> on macOS.")
        .withDefault(Defaults.of("")).withExample("directory = \"/home/alice\""));
    o.put(PACKAGES, OptionDecl.of(OptionType.listOf(OptionType.packageRef()),
        "Packages (by name of packages.<name>) in the user's profile, linked at ~/" + HomeLayout.PROFILE_LINK
            + "; its bin/ goes first on PATH.").withDefault(Defaults.emptyList()).withExample("packages = [\"ripgrep\"]"));
    o.put(PRIORITIES, OptionDecl.of(OptionType.attrsOf(OptionType.integer()),
        "Settles a file two packages of the profile provide: the lower number wins; unlisted packages have "
            + UserProfile.Package.DEFAULT_PRIORITY + ".").withDefault(Defaults.emptyTable())
        .withExample("packagePriorities = { ripgrep = 4 }"));
    o.put(SESSION_VARIABLES, OptionDecl.of(OptionType.attrsOf(OptionType.anything()),
        "Environment variables of every login shell (strings, numbers or bools). A value starting with $HOME "
            + "or ${HOME} expands the home; nothing else expands.").withDefault(Defaults.emptyTable())
        .withExample("sessionVariables = { EDITOR = \"vim\", GOPATH = \"$HOME/go\" }"));
    o.put(SESSION_PATH, OptionDecl.of(OptionType.listOf(OptionType.string()),
        "Directories put in front of PATH, after the profile's bin/, in this order; $HOME expands as in sessionVariables.")
        .withDefault(Defaults.emptyList()).withExample("sessionPath = [\"$HOME/.local/bin\"]"));
    o.put(SHELL_ALIASES, OptionDecl.of(OptionType.attrsOf(OptionType.string()),
        "Aliases of interactive shells (bash, zsh, fish as enabled under programs.*).")
        .withDefault(Defaults.emptyTable()).withExample("shellAliases = { ll = \"ls -l\" }"));
    o.put(FILE, HomeFiles.option());
    // Checked by the kernel's secrets code (SecretsConfig.homeOf), as secrets.* is: one parser.
    o.put(SECRETS, OptionDecl.of(OptionType.attrsOf(OptionType.anything()),
        "The home's age-encrypted secrets: home.secrets.<name> = { file, group, mode, recipients }, "
            + "home.secrets.recipients.<host>, home.secrets.identity (default ~/.ssh/id_ed25519). Decrypted at "
            + "activation into $XDG_RUNTIME_DIR/statectl/secrets/<name> (else /run/user/<uid>/…), never into the "
            + "store or the home; owned by the home's user.")
        .withDefault(Defaults.emptyTable())
        .withExample("secrets.token = { file = \"../secrets/token.age\", recipients = [\"alice\"] }"));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    if (context.config().isEmpty()) {
      return ModuleContribution.empty();
    }
    OptionValues home = OptionValues.of(context.config());
    ContributionBuilder out = new ContributionBuilder();
    Optional<String> username = home.string(USERNAME);
    if (username.isEmpty()) {
      needsUsername(home, out);
      return out.build();
    }
    SourceLocation at = home.location(USERNAME);
    if (!UserProfile.isValidUsername(username.get())) {
      out.problem(at, "home.username: \"" + username.get() + "\" is not a user name",
          "use lower-case letters, digits, '_', '.', '-', starting with a letter or '_' (at most 32)");
      return out.build();
    }
    String directory = home.string(DIRECTORY, "");
    if (!directory.isEmpty() && (!directory.startsWith("/") || directory.length() > 1 && directory.endsWith("/"))) {
      out.problem(home.location(DIRECTORY), "home.directory: \"" + directory + "\" is not an absolute directory",
          "write it like \"" + HomeLayout.defaultHome(username.get(), context.platform()) + "\", or leave it empty");
    }
    List<UserProfile.Package> packages = packages(home, out);
    Session session = Session.read(home.value(SESSION_VARIABLES), home.value(SESSION_PATH), out.problems());
    ShellAliases.read(home.value(SHELL_ALIASES), out.problems());
    out.add(new UserProfile(username.get(), HomeLayout.PROFILE_LINK, packages, at));
    HomeFiles.contribute(home.table(FILE), Set.of(HomeLayout.SESSION_VARS), out);
    secretFiles(home.table(SECRETS), context, out);
    out.text(HomeLayout.SESSION_VARS, PosixShell.sessionScript(session), at);
    return out.build();
  }

  /**
   * Resolves each home secret's .age file through the repository, so its ciphertext (never a
   * plaintext) enters the configuration snapshot; a missing file is a located problem.
   */
  private static void secretFiles(ConfigTable secrets, ModuleContext context, ContributionBuilder out) {
    for (Map.Entry<String, ConfigValue> e : secrets.entries().entrySet()) {
      if (e.getKey().equals("recipients") || e.getKey().equals("identity")
          || !(e.getValue() instanceof ConfigTable t) || !(t.get(FILE).orElse(null) instanceof ConfigString f)) {
        continue;
      }
      if (context.sources().resolve(f.location(), f.value()) instanceof io.statectl.api.module.SourceResolution.Missing m) {
        out.problem(f.location(), "home.secrets." + e.getKey() + ".file: " + m.tried() + " does not exist",
            "encrypt it first: age -r <key> -o " + m.tried());
      }
    }
  }

  /** Without a user there is no profile: fine when nothing else is set, a problem otherwise. */
  private static void needsUsername(OptionValues home, ContributionBuilder out) {
    for (String key : home.table().entries().keySet()) {
      if (home.definedByUser(key)) {
        out.problem(home.location(key), "home." + key + " is set, but home.username is not: home.* needs home.username",
            "set home.username to the user whose home this is, e.g. home.username = \"alice\", or remove home."
                + key);
        return;
      }
    }
  }

  /** The profile's packages in declaration order (first mention wins), each with its priority. */
  private static List<UserProfile.Package> packages(OptionValues home, ContributionBuilder out) {
    Map<String, SourceLocation> listed = new LinkedHashMap<>();
    for (ConfigValue item : home.list(PACKAGES)) {
      if (item instanceof ConfigString s) {
        listed.putIfAbsent(s.value(), s.location());
      }
    }
    ConfigTable priorities = home.table(PRIORITIES);
    Set<String> unknown = new LinkedHashSet<>(priorities.entries().keySet());
    unknown.removeAll(listed.keySet());
    for (String name : unknown) {
      ConfigValue v = priorities.entries().get(name);
      out.problem(v.location(), "home.packagePriorities." + name + ": '" + name + "' is not in home.packages",
          Suggestions.closest(name, listed.keySet()).map(s -> "did you mean '" + s + "'?")
              .orElse("add it to home.packages, or remove its priority"));
    }
    List<UserProfile.Package> out2 = new ArrayList<>();
    for (Map.Entry<String, SourceLocation> p : listed.entrySet()) {
      int priority = UserProfile.Package.DEFAULT_PRIORITY;
      ConfigValue v = priorities.entries().get(p.getKey());
      if (v instanceof ConfigInt i) {
        if (i.value() < Integer.MIN_VALUE || i.value() > Integer.MAX_VALUE) {
          out.problem(i.location(), "home.packagePriorities." + p.getKey() + ": " + i.value() + " is out of range",
              "use a small number; the default is " + UserProfile.Package.DEFAULT_PRIORITY);
          continue;
        }
        priority = (int) i.value();
      }
      out2.add(new UserProfile.Package(p.getKey(), priority, p.getValue()));
    }
    return out2;
  }
}
