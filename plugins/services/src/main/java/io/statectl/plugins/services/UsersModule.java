package io.statectl.plugins.services;

import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.RootFile;
import io.statectl.api.config.ConfigInt;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code users.users}, {@code users.groups}, {@code users.mutable}: the machine's accounts. The
 * module checks what it can see in the configuration alone (a uid or gid given twice, root with
 * an id other than 0, a field passwd cannot hold), each at its line, and writes the declaration
 * into the generation as {@code etc/statectl/users-groups}; the kernel's {@code UsersActivation}
 * reads that file (the format is {@code io.statectl.kernel.users.UsersSpec}'s, one record a line,
 * tab-separated) and edits the root's passwd, group and shadow.
 */
@Extension
public final class UsersModule implements StatectlModule {
  static final String SPEC = "etc/statectl/users-groups";
  private static final String NAME = "[a-z_][a-z0-9_-]*\\$?";

  @Override
  public String namespace() {
    return "users";
  }

  @Override
  public String description() {
    return "The machine's accounts: users.users, users.groups, users.mutable.";
  }

  @Override
  public OptionDecl options() {
    Map<String, OptionDecl> u = new LinkedHashMap<>();
    u.put("uid", OptionDecl.of(OptionType.intBetween(0, 65533),
        "The user's uid; without it one is allocated once and kept (<state>/users/ids)."));
    u.put("group", OptionDecl.of(OptionType.stringMatching(NAME), "The primary group.").withDefault(Defaults.of("users")));
    u.put("extraGroups", OptionDecl.of(OptionType.listOf(OptionType.stringMatching(NAME)),
        "Further groups the user is a member of.").withDefault(Defaults.emptyList()));
    u.put("home", OptionDecl.of(OptionType.stringMatching("/[^:\\t\\n]*"),
        "The home directory; /home/<name>, or /var/empty for a system user, by default."));
    u.put("createHome", OptionDecl.of(OptionType.bool(), "Create the home (mode 0700) if it is missing.")
        .withDefault(Defaults.of(true)));
    u.put("shell", OptionDecl.of(OptionType.stringMatching("/[^:\\t\\n]*"), "The login shell.")
        .withDefault(Defaults.of("/bin/bash")));
    u.put("isSystemUser", OptionDecl.of(OptionType.bool(),
        "A system account: its uid is allocated from 999 down to 400.").withDefault(Defaults.of(false)));
    u.put("description", OptionDecl.of(OptionType.stringMatching("[^:\\t\\n,]*"), "The GECOS field.")
        .withDefault(Defaults.of("")));
    u.put("hashedPasswordFile", OptionDecl.of(OptionType.stringMatching("/[^:\\t\\n]*"),
        "A file on the machine holding the crypt(3) hash of the password; without it the account has none (\"!\")."));
    Map<String, OptionDecl> g = new LinkedHashMap<>();
    g.put("gid", OptionDecl.of(OptionType.intBetween(0, 65533), "The group's gid; allocated and kept when absent."));
    g.put("members", OptionDecl.of(OptionType.listOf(OptionType.stringMatching(NAME)),
        "Members besides the users that list the group in extraGroups.").withDefault(Defaults.emptyList()));
    Map<String, OptionDecl> o = new LinkedHashMap<>();
    o.put("users", OptionDecl.of(OptionType.attrsOf(OptionType.submodule(u)), "Accounts, keyed by login name.")
        .withDefault(Defaults.emptyTable()).withExample("users.users.alice = { uid = 1001, extraGroups = [\"wheel\"] }"));
    o.put("groups", OptionDecl.of(OptionType.attrsOf(OptionType.submodule(g)), "Groups, keyed by name.")
        .withDefault(Defaults.emptyTable()));
    o.put("mutable", OptionDecl.of(OptionType.bool(),
        "true: accounts not declared are left alone; false: undeclared human accounts (uid 1000-59999) are removed."
            + " Accounts declared before and no longer declared are removed either way; their homes are kept.")
        .withDefault(Defaults.of(true)));
    return OptionDecl.of(OptionType.submodule(o), description());
  }

  @Override
  public ModuleContribution contribute(ModuleContext context) {
    Optional<ConfigTable> ns = context.config().filter(ConfigTable.class::isInstance).map(ConfigTable.class::cast);
    if (ns.isEmpty()) {
      return ModuleContribution.empty();
    }
    Map<String, ConfigValue> users = Values.table(ns.get(), "users").map(ConfigTable::entries).orElse(Map.of());
    Map<String, ConfigValue> groups = Values.table(ns.get(), "groups").map(ConfigTable::entries).orElse(Map.of());
    if (users.isEmpty() && groups.isEmpty()) {
      return ModuleContribution.empty();
    }
    List<ConfigProblem> problems = new ArrayList<>();
    StringBuilder spec = new StringBuilder("# statectl declared accounts, read at activation\n");
    spec.append("mutable\t").append(Values.bool(ns.get(), "mutable", true)).append('\n');
    Map<Long, String> gids = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : groups.entrySet()) {
      ConfigTable t = (ConfigTable) e.getValue();
      Optional<Long> gid = id(t, "gid");
      check("users.groups", e.getKey(), "gid", gid, gids, t, problems);
      spec.append(String.join("\t", "group", e.getKey(), gid.map(String::valueOf).orElse("-"),
          list(Values.strings(t, "members")))).append('\n');
    }
    Map<Long, String> uids = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : users.entrySet()) {
      ConfigTable t = (ConfigTable) e.getValue();
      Optional<Long> uid = id(t, "uid");
      check("users.users", e.getKey(), "uid", uid, uids, t, problems);
      String description = Values.string(t, "description").orElse("");
      spec.append(String.join("\t", "user", e.getKey(), uid.map(String::valueOf).orElse("-"),
          Values.string(t, "group").orElse("users"), list(Values.strings(t, "extraGroups")),
          Values.string(t, "home").orElse("-"), String.valueOf(Values.bool(t, "createHome", true)),
          Values.string(t, "shell").orElse("/bin/bash"), String.valueOf(Values.bool(t, "isSystemUser", false)),
          description.isEmpty() ? "-" : description, Values.string(t, "hashedPasswordFile").orElse("-")))
          .append('\n');
    }
    if (!problems.isEmpty()) {
      return new ModuleContribution(List.of(), problems);
    }
    List<ActivationEntry> entries = List.of(new RootFile(SPEC, new FileContent.Text(spec.toString()),
        FileMode.REGULAR, ns.get().location()));
    return new ModuleContribution(entries, List.of());
  }

  private static void check(String option, String name, String key, Optional<Long> id, Map<Long, String> seen,
      ConfigTable t, List<ConfigProblem> problems) {
    String where = option + "." + name + "." + key;
    if (!name.matches(NAME) || name.length() > 32) {
      problems.add(new ConfigProblem(t.location(), option + "." + name + ": not an account name",
          "use lower-case letters, digits, '_' and '-', starting with a letter or '_', at most 32 characters"));
    }
    if (name.equals("root") && id.isPresent() && id.get() != 0) {
      problems.add(new ConfigProblem(Values.at(t, key), where + " = " + id.get() + ": root is always 0",
          "drop " + key + " (root keeps 0) or the whole declaration"));
    }
    if (id.isPresent()) {
      String other = seen.putIfAbsent(id.get(), name);
      if (other != null) {
        problems.add(new ConfigProblem(Values.at(t, key), where + " = " + id.get() + " is also " + option + "."
            + other + "'s", "give each its own " + key + ", or drop one to have it allocated"));
      }
    }
  }

  private static Optional<Long> id(ConfigTable t, String key) {
    return t.get(key).filter(ConfigInt.class::isInstance).map(v -> ((ConfigInt) v).value());
  }

  private static String list(List<String> l) {
    return l.isEmpty() ? "-" : String.join(",", l);
  }
}
