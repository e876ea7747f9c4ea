package io.statectl.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The places on the real machine that statectl writes for a system generation, pictured before
 * and after every command a test runs ({@link Statectl#exec}): a test must use {@code --root}, a
 * container or a mount namespace, and one that reaches the real {@code /} fails at the command
 * that did it. Found necessary: a home-only apply once re-pointed the real
 * {@code /run/current-system}, and a module with default options once wrote {@code /boot/loader}.
 */
record RealRoot(Map<String, String> picture) {
  private static final List<Path> WATCHED = List.of(Path.of("/run/current-system"), Path.of("/run/booted-system"),
      Path.of("/run/statectl"), Path.of("/etc/statectl"), Path.of("/etc/profile.d/statectl.sh"),
      Path.of("/boot/loader"), Path.of("/var/lib/statectl"));

  static RealRoot now() {
    Map<String, String> picture = new LinkedHashMap<>();
    for (Path p : WATCHED) {
      picture.put(p.toString(), describe(p));
    }
    return new RealRoot(picture);
  }

  /** Throws when a watched place changed since {@code before}, naming it and the command. */
  void assertUnchangedSince(RealRoot before, List<String> command) {
    if (!picture.equals(before.picture)) {
      throw new AssertionError("a test command changed the real machine (use --root/--home under a temp dir): "
          + String.join(" ", command) + "\n  before: " + before.picture + "\n  after:  " + picture);
    }
  }

  private static String describe(Path p) {
    try {
      if (Files.isSymbolicLink(p)) {
        return "link -> " + Files.readSymbolicLink(p);
      }
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return "absent";
      }
      return (Files.isDirectory(p) ? "dir " : "file ") + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
