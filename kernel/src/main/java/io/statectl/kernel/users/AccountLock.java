package io.statectl.kernel.users;

import io.statectl.kernel.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The locks {@code useradd} and friends take, under another root: glibc's {@code lckpwdf} (a
 * POSIX write lock on {@code etc/.pwd.lock}; Java's file locks are fcntl locks on Linux, so the
 * two exclude each other) and shadow-utils' {@code <file>.lock} files (a file holding the
 * holder's pid, made by a hard link so that exactly one process wins; a stale one, whose pid is
 * gone, is taken over).
 */
final class AccountLock implements AutoCloseable {
  private static final long WAIT_MILLIS = 15_000; // lckpwdf's own timeout
  private final FileChannel channel;
  private final FileLock lock;
  private final List<Path> lockFiles = new ArrayList<>();

  private AccountLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static AccountLock acquire(Path etc, List<String> files) {
    try {
      Files.createDirectories(etc);
      FileChannel ch = FileChannel.open(etc.resolve(".pwd.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.currentTimeMillis() + WAIT_MILLIS;
      FileLock l;
      while ((l = ch.tryLock()) == null) {
        if (System.currentTimeMillis() > deadline) {
          ch.close();
          throw busy(etc.resolve(".pwd.lock"));
        }
        Thread.sleep(50);
      }
      AccountLock a = new AccountLock(ch, l);
      try {
        for (String f : files) {
          a.lockFile(etc.resolve(f + ".lock"));
        }
      } catch (RuntimeException e) {
        a.close();
        throw e;
      }
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the account files under " + etc, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy(etc.resolve(".pwd.lock"));
    }
  }

  private void lockFile(Path lockFile) throws IOException {
    String pid = String.valueOf(ProcessHandle.current().pid());
    Path tmp = lockFile.resolveSibling(lockFile.getFileName().toString().replace(".lock", "." + pid));
    Files.writeString(tmp, pid, StandardCharsets.US_ASCII);
    try {
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          Files.createLink(lockFile, tmp);
          lockFiles.add(lockFile);
          return;
        } catch (FileAlreadyExistsException e) {
          if (!stale(lockFile)) {
            throw busy(lockFile);
          }
          Files.deleteIfExists(lockFile);
        }
      }
      throw busy(lockFile);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean stale(Path lockFile) {
    try {
      long holder = Long.parseLong(Files.readString(lockFile, StandardCharsets.US_ASCII).trim());
      return ProcessHandle.of(holder).map(h -> !h.isAlive()).orElse(true);
    } catch (IOException | NumberFormatException e) {
      return false; // unreadable: leave it to whoever made it
    }
  }

  private static UsersException busy(Path lock) {
    return new UsersException(ErrorCode.USERS_LOCKED, "the account files are locked (" + lock
        + "): another useradd, passwd or statectl is changing them; rerun when it is done (a lock file whose "
        + "process is gone is taken over by itself)");
  }

  @Override
  public void close() {
    for (Path p : lockFiles) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a left lock file names a dead pid and is taken over next time
      }
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // closing the channel drops the fcntl lock anyway
    }
  }
}
