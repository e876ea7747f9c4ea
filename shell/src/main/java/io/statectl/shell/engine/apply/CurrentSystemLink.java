package io.statectl.shell.engine.apply;

import io.statectl.kernel.activation.ActivationTargets;
import io.statectl.kernel.activation.AtomicSymlink;
import io.statectl.kernel.generation.ProfilePartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code <root>/run/current-system}: the active system generation's store path, as on NixOS, so
 * {@code /etc/profile.d/statectl.sh} can name {@code /run/current-system/sw/bin} once for every
 * generation. Switched with one {@code rename(2)} on every activation of the system profile.
 */
final class CurrentSystemLink {
  static final String PATH = "run/current-system";

  private CurrentSystemLink() {}

  /**
   * Points the link at {@code generation} when {@code profile} is the system profile and the
   * generation places files under the root, or the link is this store's already (a generation
   * that stopped placing root files still moves it): an apply that only ever touched a home leaves
   * the root's {@code /run} alone, and so does one whose link another statectl (another state
   * directory, another store) made. A link that points there already is left
   * as it is, so a no-op apply calls this too: {@code /run} is a tmpfs, emptied by every reboot,
   * and a link removed or bent by hand is put right by the next apply.
   *
   * @return whether the link was made or changed
   */
  static boolean point(String profile, ActivationTargets targets, Path generation, boolean hasRootFiles) {
    if (!profile.equals(ProfilePartition.SYSTEM)) {
      return false;
    }
    Path link = targets.root().resolve(PATH);
    try {
      if (!hasRootFiles && !ours(link, generation)) {
        return false;
      }
      if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(generation)) {
        return false;
      }
      AtomicSymlink.replace(link, generation);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot point " + link + " at " + generation, e);
    }
  }

  /** Whether the link names a path of the store {@code generation} is in. */
  private static boolean ours(Path link, Path generation) throws IOException {
    return Files.isSymbolicLink(link) && generation.getParent().equals(Files.readSymbolicLink(link).getParent());
  }
}
