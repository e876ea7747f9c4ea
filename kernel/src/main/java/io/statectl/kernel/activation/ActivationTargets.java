package io.statectl.kernel.activation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where an activation lands: the home (home files and directories), the root (root files), and
 * whether the commands of managed settings run here or are only planned.
 *
 * @param runCommands true only on a live machine of the settings' platform family with the root at {@code /}
 * @param notRunBecause why commands are only planned, shown in plans; empty when they run
 * @param uid the user's numeric id, substituted for {@code @uid@}
 * @param releasing links of other profiles of this state directory whose files this activation
 *     may take over (a file moving from the system profile into a home profile)
 */
public record ActivationTargets(Path home, Path root, boolean runCommands, String notRunBecause, String uid,
    List<Path> releasing) {
  public ActivationTargets {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(notRunBecause, "notRunBecause");
    Objects.requireNonNull(uid, "uid");
    releasing = List.copyOf(releasing);
  }

  /** Home files only, commands never run: what every profile without root files or settings needs. */
  public static ActivationTargets homeOnly(Path home) {
    return new ActivationTargets(home, Path.of("/"), false, "no settings", "0", List.of());
  }

  /** A copy that may take over files linked by the given other profiles. */
  public ActivationTargets releasing(List<Path> otherProfileLinks) {
    return new ActivationTargets(home, root, runCommands, notRunBecause, uid, otherProfileLinks);
  }

  /** Where a manifest target lives. */
  public Path resolve(boolean underRoot, String target) {
    return (underRoot ? root : home).resolve(target);
  }

  /** An argument with {@code @home@}, {@code @root@} and {@code @uid@} replaced. */
  public String substitute(String argument) {
    String rootText = root.toString().equals("/") ? "" : root.toString();
    return argument.replace("@home@", home.toString()).replace("@root@", rootText).replace("@uid@", uid);
  }
}
