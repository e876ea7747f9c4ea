package io.statectl.kernel.generation;

import io.statectl.api.activation.UserProfile;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a user profile: one store path whose tree merges the outputs of its packages as links
 * ({@code bin/rg -> /…/store/…-ripgrep/bin/rg}), the way Nix's {@code buildEnv} does. Directories
 * are merged; a file two packages provide goes to the lower priority number, and at equal
 * priority is a {@link ProfileCollisionException} naming both. An application bundle
 * ({@code *.app}) is linked whole, never merged.
 */
public final class UserProfileFarm {
  private final Store store;

  public UserProfileFarm(Store store) {
    this.store = store;
  }

  /**
   * Builds the profile's tree and adds it to the store; its references are the package outputs.
   *
   * @param outputs each package's realised output, by package name
   */
  public StorePath build(UserProfile profile, Map<String, StorePath> outputs) {
    return build("statectl-user-profile-" + profile.username(), profile.profileName(), profile.packages(), outputs,
        false);
  }

  /**
   * The system profile's {@code sw/}: the farm of {@code system.packages}, a file two of them
   * provide going to the one listed first.
   *
   * @throws SystemSoftwareException when the farm cannot be written (listing an output, making a link)
   */
  public StorePath buildSystemSoftware(String storeName, String profileName, List<UserProfile.Package> packages,
      Map<String, StorePath> outputs) {
    try {
      return build(storeName, profileName, packages, outputs, true);
    } catch (UncheckedIOException | io.statectl.kernel.store.StoreIoException e) {
      throw new SystemSoftwareException(packages.stream().map(UserProfile.Package::name).toList(), e);
    }
  }

  /**
   * The same farm for any profile: the system profile's {@code sw/} is one ({@code system.packages}).
   *
   * @param storeName the store path's name
   * @param profileName the profile, for messages
   * @param firstWins a file two packages provide goes to the one listed first instead of failing: what
   *     NixOS's system path does ({@code ignoreCollisions = true}), as system packages have no priorities
   */
  public StorePath build(String storeName, String profileName, List<UserProfile.Package> packages,
      Map<String, StorePath> outputs, boolean firstWins) {
    Map<String, Provider> files = new TreeMap<>();
    List<ProfileCollisionException.Collision> collisions = new ArrayList<>();
    for (UserProfile.Package p : packages) {
      StorePath out = outputs.get(p.name());
      if (out == null) {
        throw new IllegalStateException("package " + p.name() + " of " + profileName + " was not built");
      }
      Path root = store.toFile(out);
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        continue; // a single-file output has nothing to merge into bin/, share/, …
      }
      for (Map.Entry<String, Path> f : leaves(root).entrySet()) {
        Provider mine = new Provider(p, f.getValue());
        Provider prior = files.get(f.getKey());
        if (prior == null || p.priority() < prior.pkg().priority()) {
          files.put(f.getKey(), mine);
        } else if (p.priority() == prior.pkg().priority() && !prior.pkg().name().equals(p.name())) {
          collisions.add(new ProfileCollisionException.Collision(f.getKey(), prior.pkg(), p));
        }
      }
    }
    List<ProfileCollisionException.Collision> real = new ArrayList<>();
    for (ProfileCollisionException.Collision c : collisions) {
      // Priorities may settle it against a third package listed later; only unsettled ties count.
      Provider winner = files.get(c.file());
      if (winner.pkg().priority() == c.second().priority()) {
        real.add(c);
      }
    }
    checkPrefixes(files, real);
    if (firstWins) {
      // A file under another package's file cannot be linked: the file (listed first or not) stays.
      files.keySet().removeIf(k -> hasFileAncestor(files, k));
    }
    if (!real.isEmpty() && !firstWins) {
      throw new ProfileCollisionException(profileName, real);
    }
    return store.addDirectory(storeName, dir -> {
      for (Map.Entry<String, Provider> f : files.entrySet()) {
        Path link = dir.resolve(f.getKey());
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, f.getValue().file());
      }
    });
  }

  private static boolean hasFileAncestor(Map<String, Provider> files, String key) {
    for (Path parent = Path.of(key).getParent(); parent != null; parent = parent.getParent()) {
      if (files.containsKey(parent.toString())) {
        return true;
      }
    }
    return false;
  }

  /** A file provided by one package and a directory (holding files) provided by another. */
  private static void checkPrefixes(Map<String, Provider> files, List<ProfileCollisionException.Collision> out) {
    for (Map.Entry<String, Provider> f : files.entrySet()) {
      for (Path parent = Path.of(f.getKey()).getParent(); parent != null; parent = parent.getParent()) {
        Provider file = files.get(parent.toString());
        if (file != null && !file.pkg().name().equals(f.getValue().pkg().name())) {
          out.add(new ProfileCollisionException.Collision(parent.toString(), file.pkg(), f.getValue().pkg()));
        }
      }
    }
  }

  /** Every file, link and application bundle under {@code root}, by relative path. */
  private static Map<String, Path> leaves(Path root) {
    Map<String, Path> out = new TreeMap<>();
    collect(root, root, out);
    return out;
  }

  private static void collect(Path root, Path dir, Map<String, Path> out) {
    try (Stream<Path> children = Files.list(dir)) {
      for (Path c : children.sorted().toList()) {
        if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS) && !c.getFileName().toString().endsWith(".app")) {
          collect(root, c, out);
        } else {
          out.put(root.relativize(c).toString(), c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private record Provider(UserProfile.Package pkg, Path file) {}
}
