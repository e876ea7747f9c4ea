package io.statectl.shell.engine.install;

import io.statectl.kernel.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code install} refuses before it writes anything to the root. */
final class InstallChecks {
  /** Where a Debian or Fedora root has systemd (a merged /usr root has both, through its /lib link). */
  private static final List<String> SYSTEMD = List.of("lib/systemd/systemd", "usr/lib/systemd/systemd");

  private InstallChecks() {}

  /** The root is an existing directory that is not the running system's {@code /}. */
  static void root(Path root, Path given) {
    if (Files.isRegularFile(root)) {
      throw new InstallException(ErrorCode.INSTALL_ROOT_REFUSED, "install: the root " + root + " is a file, not a directory");
    }
    if (!Files.isDirectory(root)) {
      throw new InstallException(ErrorCode.INSTALL_ROOT_REFUSED, "install: the root " + root + " does not exist");
    }
    if (root.getParent() == null || isRealRoot(root)) {
      throw new InstallException(ErrorCode.INSTALL_ROOT_REFUSED, "install: refusing --root " + given
          + ": it is the running system (manage it with `statectl apply`)");
    }
  }

  /** Declared units need a systemd in the root to start them at first boot. */
  static void systemd(Path root, List<String> units) {
    if (units.isEmpty()) {
      return;
    }
    for (String s : SYSTEMD) {
      // resolved and then checked to stay in the root: an absolute /lib link in the root must not
      // find the running system's systemd
      try {
        Path p = root.resolve(s).toRealPath();
        if (Files.isRegularFile(p) && p.startsWith(root.toRealPath())) {
          return;
        }
      } catch (java.io.IOException e) {
        // missing: try the next place
      }
    }
    throw new InstallException(ErrorCode.INSTALL_NO_SYSTEMD, "install: the configuration declares " + units.size()
        + " unit(s) (" + units.get(0).substring("etc/systemd/system/".length()) + (units.size() > 1 ? ", …" : "")
        + ") but " + root + " has no systemd (" + root.resolve(SYSTEMD.get(0)) + " is missing); bootstrap it with "
        + "`debootstrap --variant=minbase --include=systemd,dbus …` or drop the services; nothing was written");
  }

  private static boolean isRealRoot(Path root) {
    try {
      return Files.isSameFile(root.toRealPath(), Path.of("/"));
    } catch (java.io.IOException e) {
      return false; // unresolvable: not the running system's /, and apply reports what it cannot read
    }
  }
}
