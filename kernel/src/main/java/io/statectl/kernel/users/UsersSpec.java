package io.statectl.kernel.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The accounts a generation declares ({@code users.users}, {@code users.groups},
 * {@code users.mutable}), as the users module writes them into the generation
 * ({@link #FILE} under its root files, as NixOS writes {@code users-groups.json}) and the
 * activation reads them back. One record a line, fields separated by tabs; the module refuses
 * tabs, newlines and colons in every field, so no field needs quoting.
 */
public record UsersSpec(boolean mutable, List<User> users, List<Group> groups) {
  /** Where the spec lives, relative to the root (and to a generation's root files). */
  public static final String FILE = "etc/statectl/users-groups";

  public UsersSpec {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  /** A declared user; absent optional values take the defaults of {@link AccountsUpdate}. */
  public record User(String name, Optional<Integer> uid, String group, List<String> extraGroups, Optional<String> home,
      boolean createHome, String shell, boolean isSystemUser, String description, Optional<String> hashedPasswordFile) {
    public User {
      extraGroups = List.copyOf(extraGroups);
    }
  }

  /** A declared group; {@code members} are added besides the users that name it. */
  public record Group(String name, Optional<Integer> gid, List<String> members) {
    public Group {
      members = List.copyOf(members);
    }
  }

  public String render() {
    StringBuilder b = new StringBuilder("# statectl declared accounts, read at activation\n");
    b.append("mutable\t").append(mutable).append('\n');
    for (Group g : groups) {
      b.append(String.join("\t", "group", g.name(), g.gid().map(String::valueOf).orElse("-"), list(g.members())))
          .append('\n');
    }
    for (User u : users) {
      b.append(String.join("\t", "user", u.name(), u.uid().map(String::valueOf).orElse("-"), u.group(),
          list(u.extraGroups()), u.home().orElse("-"), String.valueOf(u.createHome()), u.shell(),
          String.valueOf(u.isSystemUser()), u.description().isEmpty() ? "-" : u.description(),
          u.hashedPasswordFile().orElse("-"))).append('\n');
    }
    return b.toString();
  }

  public static UsersSpec parse(String text) {
    boolean mutable = true;
    List<User> users = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "mutable" -> mutable = Boolean.parseBoolean(f[1]);
        case "group" -> groups.add(new Group(f[1], number(f[2]), unlist(f[3])));
        case "user" -> users.add(new User(f[1], number(f[2]), f[3], unlist(f[4]), optional(f[5]),
            Boolean.parseBoolean(f[6]), f[7], Boolean.parseBoolean(f[8]), f[9].equals("-") ? "" : f[9],
            optional(f[10])));
        default -> throw new IllegalArgumentException("unknown record in " + FILE + ": " + f[0]);
      }
    }
    return new UsersSpec(mutable, users, groups);
  }

  private static String list(List<String> l) {
    return l.isEmpty() ? "-" : String.join(",", l);
  }

  private static List<String> unlist(String s) {
    return s.equals("-") ? List.of() : List.of(s.split(","));
  }

  private static Optional<String> optional(String s) {
    return s.equals("-") ? Optional.empty() : Optional.of(s);
  }

  private static Optional<Integer> number(String s) {
    return s.equals("-") ? Optional.empty() : Optional.of(Integer.parseInt(s));
  }
}
