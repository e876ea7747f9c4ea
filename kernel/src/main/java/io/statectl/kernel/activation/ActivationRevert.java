package io.statectl.kernel.activation;

import io.statectl.kernel.generation.ActivationManifest;
import io.statectl.kernel.generation.ManifestEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rolls back an activation that stopped before its profile switch: every link it made that the
 * previous generation does not have is removed, every file it backed up is put back (one rename
 * over the link that replaced it), links of the previous generation point where that generation
 * has them, and temp links a killed rename left behind are removed. Safe because, before the
 * switch, the profile link still names the previous generation, so nothing it made has changed
 * what an existing file reads as. Idempotent: a crash while reverting is reverted again.
 *
 * <p>Not undone: directories it created or whose permissions it corrected that still hold files
 * (they hold no content of their own); empty ones it made for links are pruned.
 */
public final class ActivationRevert {
  private ActivationRevert() {}

  /**
   * Reverts; returns how many files it changed.
   *
   * @param backups the files backed up since the activation started, by where they stood
   */
  public static int revert(ActivationTargets targets, Path profileLink, Optional<ActivationManifest> previous,
      ActivationManifest next, Map<Path, SavedBackup> backups) {
    Set<String> before = new HashSet<>();
    List<ManifestEntry> previousEntries = previous.map(ActivationManifest::entries).orElse(List.of());
    for (ManifestEntry p : previousEntries) {
      if (p.isLink()) {
        before.add(key(p));
      }
    }
    int changes = 0;
    Set<Path> directories = new TreeSet<>();
    try {
      for (ManifestEntry e : next.entries()) {
        if (e.isLink()) {
          directories.add(targets.resolve(e.underRoot(), e.target()).getParent());
        }
      }
      for (Path dir : directories) {
        removeTempLinks(dir);
      }
      for (ManifestEntry e : next.entries()) {
        if (!e.isLink()) {
          continue;
        }
        Path live = targets.resolve(e.underRoot(), e.target());
        if (before.contains(key(e)) || !ActivationPlanner.ownedBy(live, profileLink)) {
          continue;
        }
        SavedBackup saved = backups.get(live);
        if (saved != null) {
          restore(saved);
        } else {
          Files.delete(live);
          pruneEmptyParents(live.getParent(), e.underRoot() ? targets.root() : targets.home());
        }
        changes++;
      }
      for (ManifestEntry p : previousEntries) {
        if (!p.isLink()) {
          continue;
        }
        Path live = targets.resolve(p.underRoot(), p.target());
        Path wanted = ActivationPlanner.linkTarget(profileLink, p);
        if (ActivationPlanner.ownedBy(live, profileLink) && !ActivationPlanner.readLink(live).equals(wanted)) {
          AtomicSymlink.replace(live, wanted);
          changes++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("rolling back the activation failed: " + e.getMessage(), e);
    }
    return changes;
  }

  /** Puts a backed-up file back where it stood, whole (made beside it, then renamed over it). */
  public static void restore(SavedBackup saved) throws IOException {
    Path live = saved.live();
    Path tmp = live.resolveSibling("." + live.getFileName() + ".statectl-restore");
    Files.deleteIfExists(tmp);
    Files.createDirectories(live.getParent());
    if (Files.isSymbolicLink(saved.content())) {
      Files.createSymbolicLink(tmp, Files.readSymbolicLink(saved.content()));
    } else {
      Files.copy(saved.content(), tmp, LinkOption.NOFOLLOW_LINKS);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(saved.permissions()));
    }
    Files.move(tmp, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Removes the temp links ({@code .<name>.<uuid>.statectl-tmp}, see {@link AtomicSymlink}) and
   * restore copies a killed activation left in {@code dir}: they are never anyone's files.
   */
  public static void removeTempLinks(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (n.startsWith(".") && (n.endsWith(".statectl-tmp") && Files.isSymbolicLink(f)
            || n.endsWith(".statectl-restore"))) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static String key(ManifestEntry e) {
    return (e.underRoot() ? "/" : "~/") + e.target();
  }

  private static void pruneEmptyParents(Path dir, Path base) throws IOException {
    Path d = dir;
    while (d != null && d.startsWith(base) && !d.equals(base) && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      d = d.getParent();
    }
  }
}
