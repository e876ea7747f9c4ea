package io.statectl.shell.engine.install;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.activation.BackupPolicy;
import io.statectl.kernel.activation.UnitFailurePolicy;
import io.statectl.kernel.store.FileTrees;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * {@code statectl install --root DIR}: refuses a root that is not a separate directory, or one
 * installed before (unless {@code --force}), then applies the configuration with the root's own
 * state directory ({@code <root>/var/lib/statectl}), so the generation's store, log, account map
 * and profile live inside the new machine; the running system's state directory is never opened.
 * Unit switches are only planned under another root, so the services' {@code wantedBy} links are
 * what starts them at first boot.
 */
public final class InstallHandler {
  private final Output out;

  public InstallHandler(Output out) {
    this.out = out;
  }

  public int install(Request.Install r, ToIntFunction<Request> dispatch) {
    Path root = r.root().toAbsolutePath().normalize();
    if (Files.isRegularFile(root)) {
      throw new InstallException(ErrorCode.INSTALL_ROOT_REFUSED, "install: the root " + root + " is a file, not a directory");
    }
    if (!Files.isDirectory(root)) {
      throw new InstallException(ErrorCode.INSTALL_ROOT_REFUSED, "install: the root " + root + " does not exist");
    }
    if (root.getParent() == null || isRealRoot(root)) {
      throw new InstallException(ErrorCode.INSTALL_ROOT_REFUSED, "install: refusing --root " + r.root()
          + ": it is the running system (manage it with `statectl apply`)");
    }
    Path state = r.state().root();
    if (Files.exists(state)) {
      if (!r.force()) {
        throw new InstallException(ErrorCode.INSTALL_EXISTS, "install: " + root + " already has " + state
            + "; pass --force to install again (its old generations are discarded)");
      }
      FileTrees.deleteRecursively(state);
    }
    Path home = root.resolve("root");
    int exit = dispatch.applyAsInt(new Request.Apply(r.state(), r.config(), r.host(), r.platform(), home,
        Request.Mode.CHANGE, BackupPolicy.REFUSE, Optional.of(root), UnitFailurePolicy.STAY,
        Optional.of("installed by statectl install"), r.substitutes()));
    if (exit == 0) {
      out.result("installed " + r.host() + " onto " + root + ": state directory " + state
          + " (store, event log with generation 1, users/ids), /etc entries, accounts and units linked under "
          + root + "/etc");
      io.statectl.kernel.boot.BootLoaderDir boot = new io.statectl.kernel.boot.BootLoaderDir(root);
      boot.entries().keySet().forEach(n -> out.result("boot entry: " + boot.entriesDir().resolve(
          io.statectl.kernel.boot.BootEntry.fileName(n)) + " (init=" + boot.entries().get(n).init() + ")"));
      out.result("next: boot it (e.g. `systemd-nspawn -D " + root + " -b`); inside, `statectl apply` and "
          + "`statectl generations` use /var/lib/statectl");
    }
    return exit;
  }

  private static boolean isRealRoot(Path root) {
    try {
      return Files.isSameFile(root.toRealPath(), Path.of("/"));
    } catch (java.io.IOException e) {
      return false; // unresolvable: not the running system's /, and apply reports what it cannot read
    }
  }
}
