package io.statectl.kernel.users;

import io.statectl.kernel.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes the account files a spec asks for from the current ones, without writing anything:
 * every refusal happens here, before {@link UsersActivation} touches the root. Accounts declared
 * by an earlier activation and no longer declared are removed; with {@code mutable = false} so are
 * undeclared human accounts (uid 1000–59999); the base system's own accounts are always kept.
 */
public final class AccountsUpdate {
  static final int FIRST_NORMAL = 1000;
  static final int LAST_NORMAL = 59999;
  static final int FIRST_SYSTEM = 400;
  static final int LAST_SYSTEM = 999;

  /** The four files after the update, the new id map, and what changed (for the output). */
  public record Result(AccountTable passwd, AccountTable group, AccountTable shadow, Optional<AccountTable> gshadow,
      IdMap ids, List<String> added, List<String> removed, List<String> homesToCreate) {}

  private AccountsUpdate() {}

  public static Result compute(UsersSpec spec, AccountTable passwd, AccountTable group, AccountTable shadow,
      Optional<AccountTable> gshadow, IdMap previous, Function<String, Optional<String>> passwordHash) {
    IdMap ids = new IdMap(previous.uids(), previous.gids(), Set.of(), Set.of());
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Set<String> userNames = new LinkedHashSet<>();
    spec.users().forEach(u -> userNames.add(u.name()));
    Set<String> groupNames = new LinkedHashSet<>();
    spec.groups().forEach(g -> groupNames.add(g.name()));

    // removals first, so their ids and names are free for what is declared now
    for (String name : passwd.names()) {
      int uid = passwd.id(name).orElse(-1);
      boolean wasDeclared = previous.declaredUsers().contains(name);
      boolean human = uid >= FIRST_NORMAL && uid <= LAST_NORMAL;
      if (!userNames.contains(name) && (wasDeclared || !spec.mutable() && human)) {
        passwd.remove(name);
        shadow.remove(name);
        removed.add("user " + name);
      }
    }
    for (String name : group.names()) {
      if (!groupNames.contains(name) && previous.declaredGroups().contains(name)) {
        group.remove(name);
        gshadow.ifPresent(t -> t.remove(name));
        removed.add("group " + name);
      }
    }

    for (UsersSpec.Group g : spec.groups()) {
      int gid = id("group", g.name(), g.gid(), group, ids.gids(), false, g.name().equals("root") ? 0 : -1);
      ids.gids().put(g.name(), gid);
      ids.declaredGroups().add(g.name());
      if (group.get(g.name()).isEmpty()) {
        group.put(new String[] {g.name(), "x", String.valueOf(gid), ""});
        gshadow.ifPresent(t -> t.put(new String[] {g.name(), "!", "", ""}));
        added.add("group " + g.name() + " (gid " + gid + ")");
      } else {
        String[] f = group.get(g.name()).get();
        f[2] = String.valueOf(gid);
        group.put(f);
      }
    }

    List<String> homes = new ArrayList<>();
    for (UsersSpec.User u : spec.users()) {
      int uid = id("user", u.name(), u.uid(), passwd, ids.uids(), u.isSystemUser(), u.name().equals("root") ? 0 : -1);
      ids.uids().put(u.name(), uid);
      ids.declaredUsers().add(u.name());
      Optional<Integer> gid = group.id(u.group());
      if (gid.isEmpty()) {
        throw new UsersException(ErrorCode.USERS_GROUP_UNKNOWN, "user " + u.name() + ": its group " + u.group()
            + " is neither declared in users.groups nor in the root's /etc/group; nothing was written");
      }
      for (String extra : u.extraGroups()) {
        if (group.get(extra).isEmpty()) {
          throw new UsersException(ErrorCode.USERS_GROUP_UNKNOWN, "user " + u.name() + ": extra group " + extra
              + " is neither declared in users.groups nor in the root's /etc/group; nothing was written");
        }
      }
      String home = u.home().orElse(u.isSystemUser() ? "/var/empty" : "/home/" + u.name());
      boolean isNew = passwd.get(u.name()).isEmpty();
      passwd.put(new String[] {u.name(), "x", String.valueOf(uid), String.valueOf(gid.get()), u.description(), home,
          u.shell()});
      Optional<String> hash = u.hashedPasswordFile().flatMap(passwordHash);
      String[] sh = shadow.get(u.name()).orElse(new String[] {u.name(), "!", String.valueOf(daysSinceEpoch()), "", "",
          "", "", "", ""});
      if (hash.isPresent()) {
        sh[1] = hash.get();
      }
      shadow.put(sh);
      if (isNew) {
        added.add("user " + u.name() + " (uid " + uid + ")");
      }
      if (u.createHome()) {
        homes.add(u.name());
      }
    }

    // memberships: declared members and extraGroups are added; removed users leave every group
    Set<String> gone = new LinkedHashSet<>();
    removed.stream().filter(r -> r.startsWith("user ")).forEach(r -> gone.add(r.substring(5)));
    for (String name : group.names()) {
      String[] f = group.get(name).get();
      Set<String> members = new LinkedHashSet<>(f[3].isEmpty() ? List.of() : List.of(f[3].split(",")));
      members.removeAll(gone);
      spec.groups().stream().filter(g -> g.name().equals(name)).forEach(g -> members.addAll(g.members()));
      spec.users().stream().filter(u -> u.extraGroups().contains(name)).forEach(u -> members.add(u.name()));
      f[3] = String.join(",", members);
      group.put(f);
      gshadow.flatMap(t -> t.get(name)).ifPresent(s -> {
        s[3] = f[3];
        gshadow.get().put(s);
      });
    }
    return new Result(passwd, group, shadow, gshadow, ids, added, removed, homes);
  }

  /**
   * The id of one account: the declared one (refused when another account holds it, or when
   * {@code root} is given anything but 0), else the one the map gave it, else the one the root's
   * file already has, else the lowest free one of its range.
   */
  private static int id(String kind, String name, Optional<Integer> declared, AccountTable table,
      Map<String, Integer> map, boolean system, int fixed) {
    if (fixed >= 0 && declared.isPresent() && declared.get() != fixed) {
      throw new UsersException(ErrorCode.USERS_ID_CLASH, kind + " " + name + " is declared with "
          + (kind.equals("user") ? "uid " : "gid ") + declared.get() + ", but " + name + " is always " + fixed
          + "; drop the id or the declaration; nothing was written");
    }
    if (declared.isPresent()) {
      int want = declared.get();
      Optional<String> holder = table.holderOf(want);
      if (holder.isPresent() && !holder.get().equals(name)) {
        throw new UsersException(ErrorCode.USERS_ID_CLASH, kind + " " + name + " is declared with id " + want
            + ", which " + kind + " " + holder.get() + " of the root already has; pick another id; nothing was written");
      }
      return want;
    }
    if (fixed >= 0) {
      return fixed;
    }
    Optional<Integer> mapped = Optional.ofNullable(map.get(name))
        .filter(i -> table.holderOf(i).map(name::equals).orElse(true));
    if (mapped.isPresent()) {
      return mapped.get();
    }
    Optional<Integer> existing = table.id(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    int from = system ? LAST_SYSTEM : FIRST_NORMAL;
    int step = system ? -1 : 1;
    int to = system ? FIRST_SYSTEM : LAST_NORMAL;
    for (int i = from; system ? i >= to : i <= to; i += step) {
      int candidate = i;
      if (table.holderOf(candidate).isEmpty() && !map.containsValue(candidate)) {
        return candidate;
      }
    }
    throw new UsersException(ErrorCode.USERS_ID_CLASH, "no free " + (system ? "system " : "") + kind + " id left for "
        + name + " in " + Math.min(from, to) + ".." + Math.max(from, to) + "; nothing was written");
  }

  private static long daysSinceEpoch() {
    return System.currentTimeMillis() / 86_400_000L;
  }
}
