package io.statectl.kernel.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The profile's stable link, {@code profiles/<name>} → {@code <name>-<N>-link} → generation,
 * as Nix lays out profiles. Switching is one atomic rename of a fresh link over the old one.
 */
public final class ProfileLinks {
  private ProfileLinks() {}

  public static void switchTo(Path profileLink, int number, Path generation) throws IOException {
    Path dir = profileLink.getParent();
    Files.createDirectories(dir);
    String name = profileLink.getFileName().toString();
    Path numbered = dir.resolve(name + "-" + number + "-link");
    Path tmp = dir.resolve("." + name + "-" + number + "-" + UUID.randomUUID() + ".tmp");
    Files.createSymbolicLink(tmp, generation);
    Files.move(tmp, numbered, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Path tmp2 = dir.resolve("." + name + "-" + UUID.randomUUID() + ".tmp");
    Files.createSymbolicLink(tmp2, numbered.getFileName());
    Files.move(tmp2, profileLink, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
