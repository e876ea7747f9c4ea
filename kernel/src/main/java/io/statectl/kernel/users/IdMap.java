package io.statectl.kernel.users;

import io.statectl.api.DurableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The uids and gids statectl ever gave out on one root, and the accounts the last activation
 * declared, kept in the state directory (NixOS keeps {@code uid-map}, {@code gid-map} and
 * {@code declarative-users}). An id once given to a name stays that name's, even after the
 * account is removed, so a user declared again gets back the owner of its kept home.
 */
public record IdMap(Map<String, Integer> uids, Map<String, Integer> gids, Set<String> declaredUsers,
    Set<String> declaredGroups) {
  public static final String FILE = "users/ids";

  public IdMap {
    uids = new TreeMap<>(uids);
    gids = new TreeMap<>(gids);
    declaredUsers = new TreeSet<>(declaredUsers);
    declaredGroups = new TreeSet<>(declaredGroups);
  }

  public static IdMap empty() {
    return new IdMap(Map.of(), Map.of(), Set.of(), Set.of());
  }

  public static IdMap load(Path stateDirectory) {
    Path file = stateDirectory.resolve(FILE);
    if (!Files.exists(file)) {
      return empty();
    }
    IdMap m = empty();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split(" ");
        switch (f[0]) {
          case "uid" -> m.uids().put(f[1], Integer.parseInt(f[2]));
          case "gid" -> m.gids().put(f[1], Integer.parseInt(f[2]));
          case "declared-user" -> m.declaredUsers().add(f[1]);
          case "declared-group" -> m.declaredGroups().add(f[1]);
          default -> { } // a line of a newer statectl: its ids stay where they are
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return m;
  }

  public void save(Path stateDirectory) {
    StringBuilder b = new StringBuilder();
    uids.forEach((n, i) -> b.append("uid ").append(n).append(' ').append(i).append('\n'));
    gids.forEach((n, i) -> b.append("gid ").append(n).append(' ').append(i).append('\n'));
    declaredUsers.forEach(n -> b.append("declared-user ").append(n).append('\n'));
    declaredGroups.forEach(n -> b.append("declared-group ").append(n).append('\n'));
    Path file = stateDirectory.resolve(FILE);
    try {
      DurableFiles.replace(file, b.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
