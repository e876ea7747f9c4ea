package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Points a symbolic link at a new target in one {@code rename(2)}: a reader sees the old target or
 * the new one, never a missing link. The one copy of this step (profile links, live home links,
 * plugin links).
 */
public final class AtomicSymlink {
  private AtomicSymlink() {}

  /**
   * Makes {@code link} a symbolic link to {@code target}, replacing whatever link is there. The
   * temp link beside it has a unique name, so two writers never trip over each other's temp.
   */
  public static void replace(Path link, Path target) throws IOException {
    Path dir = link.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + link.getFileName() + "." + UUID.randomUUID() + ".statectl-tmp");
    Files.createSymbolicLink(tmp, target);
    try {
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
