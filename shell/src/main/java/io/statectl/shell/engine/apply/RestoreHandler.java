package io.statectl.shell.engine.apply;

import io.statectl.projections.backups.BackupRecord;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code statectl restore-backup ID [--to PATH]}: puts a saved file's content back. It never
 * overwrites anything but a statectl-managed link, and that only when told to.
 */
public final class RestoreHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  public RestoreHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int restore(Request.RestoreBackup r) {
    if (!r.state().exists()) {
      throw new BackupUnknownException("no backup " + r.id() + ": nothing was ever recorded in " + r.state().root(),
          "pass the --state-dir the backup was made with");
    }
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller, wait, "restoring a backup");
        StateSession s = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      io.statectl.shell.engine.apply.InterruptedActivations.recover(s, out);
      BackupRecord b = s.projections().backup(r.id()).orElseThrow(() -> new BackupUnknownException(
          "no backup " + r.id(), "`statectl backups` lists them with their ids"));
      Path dest = r.to().map(p -> p.toAbsolutePath().normalize()).orElse(Path.of(b.livePath()));
      if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
        boolean managed = Files.isSymbolicLink(dest)
            && Files.readSymbolicLink(dest).startsWith(r.state().profiles());
        if (!managed || r.overwrite() != Request.Overwrite.REPLACE_MANAGED_LINK) {
          throw new BackupUnknownException(dest + (managed ? " is a file statectl manages" : " exists"),
              managed ? "pass --force to replace the managed link (the next apply will then refuse it), or --to PATH"
                  : "move it away, or restore elsewhere with --to PATH");
        }
        Files.delete(dest);
      }
      Files.createDirectories(dest.getParent());
      Path tmp = dest.resolveSibling("." + dest.getFileName() + ".statectl-restore");
      Files.copy(Path.of(b.storePath()), tmp, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
      if (!Files.isSymbolicLink(tmp)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(b.mode()));
      }
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
      out.result("restored backup " + b.id() + " of " + b.livePath() + " to " + dest);
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
