package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The profile's stable link, {@code profiles/<name>} → {@code <name>-<N>-link} → generation,
 * as Nix lays out profiles. Switching is one atomic rename of a fresh link over the old one.
 */
public final class ProfileLinks {
  private ProfileLinks() {}

  public static void switchTo(Path profileLink, int number, Path generation) throws IOException {
    Path numbered = profileLink.resolveSibling(profileLink.getFileName() + "-" + number + "-link");
    AtomicSymlink.replace(numbered, generation);
    AtomicSymlink.replace(profileLink, numbered.getFileName());
  }
}
