package io.statectl.kernel.drift;

import com.dynatrace.hash4j.hashing.Hashing;
import io.statectl.events.DriftItem;
import io.statectl.events.DriftKind;
import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the live home with the active generation's manifest, reading only: missing links,
 * links pointing elsewhere, managed paths replaced by someone's file, copied files whose content
 * changed (XXH3-128 fingerprints, read in one streaming pass each), unmanaged files in the
 * directories that hold managed files, and a profile link that is not on the active generation.
 */
public final class DriftChecker {
  /** Manifest kind of a file placed as a copy rather than a link (no module emits it yet). */
  public static final String HOME_FILE_COPY = "home-file-copy";

  /**
   * @param home the live home
   * @param profileLink {@code <state>/profiles/<profile>}
   * @param generation the active generation's store directory
   * @return every difference, sorted by path
   */
  public List<DriftItem> check(Path home, Path profileLink, Path generation, ActivationManifest manifest) {
    List<DriftItem> items = new ArrayList<>();
    checkProfileLink(profileLink, generation, items);
    Set<Path> managed = new HashSet<>();
    Set<Path> dirs = new TreeSet<>();
    for (ManifestEntry e : manifest.entries()) {
      if (!ManifestEntry.HOME_FILE.equals(e.kind()) && !HOME_FILE_COPY.equals(e.kind())) {
        continue; // root files, directories and settings are not checked for drift yet
      }
      Path live = home.resolve(e.target());
      managed.add(live);
      if (!live.getParent().equals(home)) {
        dirs.add(live.getParent());
      }
      if (HOME_FILE_COPY.equals(e.kind())) {
        checkCopy(live, generation.resolve(e.source()), items);
      } else {
        checkLink(live, RepairPlanner.linkTarget(profileLink, e.target()), items);
      }
    }
    for (Path dir : dirs) {
      unmanaged(dir, managed, dirs, items);
    }
    items.sort(Comparator.comparing(DriftItem::path).thenComparing(DriftItem::kind));
    return List.copyOf(items);
  }

  private static void checkProfileLink(Path profileLink, Path generation, List<DriftItem> items) {
    try {
      Path real = profileLink.toRealPath();
      if (!real.equals(generation.toRealPath())) {
        items.add(new DriftItem(DriftKind.PROFILE_LINK, profileLink.toString(),
            "leads to " + real + ", not to the active generation " + generation));
      }
    } catch (IOException e) {
      items.add(new DriftItem(DriftKind.PROFILE_LINK, profileLink.toString(),
          "does not lead to the active generation " + generation + " (" + e.getClass().getSimpleName() + ")"));
    }
  }

  private static void checkLink(Path live, Path expected, List<DriftItem> items) {
    if (!Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
      items.add(new DriftItem(DriftKind.MISSING, live.toString(), "should be a link to " + expected));
    } else if (Files.isSymbolicLink(live)) {
      Path target = readLink(live);
      if (!target.equals(expected)) {
        items.add(new DriftItem(DriftKind.LINK_ELSEWHERE, live.toString(),
            "links to " + target + ", not to " + expected));
      }
    } else if (Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
      items.add(new DriftItem(DriftKind.MODIFIED, live.toString(), "is a directory; should be a link to " + expected));
    } else {
      items.add(new DriftItem(DriftKind.MODIFIED, live.toString(),
          "is a file of its own (edited?); should be a link to " + expected));
    }
  }

  private static void checkCopy(Path live, Path source, List<DriftItem> items) {
    if (!Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
      items.add(new DriftItem(DriftKind.MISSING, live.toString(), "should be a copy of " + source));
    } else if (!Files.isRegularFile(live, LinkOption.NOFOLLOW_LINKS)) {
      items.add(new DriftItem(DriftKind.MODIFIED, live.toString(), "is not a regular file; should be a copy of " + source));
    } else if (!fingerprint(live).equals(fingerprint(source))) {
      items.add(new DriftItem(DriftKind.MODIFIED, live.toString(), "content differs from " + source
          + " (xxh3 " + fingerprint(live) + " ≠ " + fingerprint(source) + ")"));
    }
  }

  private static void unmanaged(Path dir, Set<Path> managed, Set<Path> dirs, List<DriftItem> items) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (!managed.contains(p) && !dirs.contains(p) && !name.endsWith(".statectl-tmp")) {
          items.add(new DriftItem(DriftKind.UNMANAGED, p.toString(), "is not in the generation, in a directory it manages"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The XXH3-128 of a file's bytes, as 32 hex digits: change detection, not identity. */
  public static String fingerprint(Path file) {
    var hasher = Hashing.xxh3_128().hashStream();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        hasher.putBytes(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return hasher.get().toString();
  }

  private static Path readLink(Path link) {
    try {
      return Files.readSymbolicLink(link);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read link " + link, e);
    }
  }
}
