package io.statectl.shell.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Serialises commands that change a state directory, across processes: an OS file lock on
 * {@code writer.lock}, which also records who holds it (pid, since when, doing what) so that a
 * waiting user is told why. Readers never take it.
 */
final class WriterLock implements AutoCloseable {
  private static final long POLL_MILLIS = 100;
  private final FileChannel channel;
  private final FileLock lock;

  private WriterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits as long as it takes. */
  static WriterLock acquire(Path file, Output out) {
    return acquire(file, out, WaitTimeout.FOREVER, "changing");
  }

  /**
   * Takes the lock, waiting up to {@code wait} for another statectl to release it.
   *
   * @param activity what this process will be doing, for another one's message, e.g. "applying"
   * @throws WriterBusyException when the wait runs out
   */
  static WriterLock acquire(Path file, Output out, WaitTimeout wait, String activity) {
    try {
      Files.createDirectories(file.getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock l = ch.tryLock();
      if (l == null) {
        String holder = describeHolder(file);
        Optional<Duration> limit = wait.limit();
        out.message(holder + " (" + file + "); waiting for it to finish"
            + limit.map(d -> ", at most " + text(d)).orElse(""));
        if (limit.isEmpty()) {
          l = ch.lock();
        } else {
          long deadline = System.nanoTime() + limit.get().toNanos();
          while ((l = ch.tryLock()) == null && System.nanoTime() < deadline) {
            sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
          }
          if (l == null) {
            ch.close();
            throw new WriterBusyException(file, describeHolder(file), text(limit.get()));
          }
        }
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\nsince=" + Instant.now()
          + "\nactivity=" + activity + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new WriterLock(ch, l);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /** "another statectl (pid 4711) is applying since 12:03:04", from the holder's record. */
  private static String describeHolder(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    String pid = field(text, "pid").orElse("unknown pid");
    Optional<String> since = field(text, "since");
    String activity = field(text, "activity").orElse("changing");
    if (text.isEmpty()) {
      return "another statectl (pid unknown) is starting to change the state directory";
    }
    if (!text.contains("=")) {
      return "another statectl (" + text + ") is changing the state directory"; // an older statectl's record
    }
    String at = since.map(s -> {
      try {
        return LocalTime.ofInstant(Instant.parse(s), ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
      } catch (RuntimeException e) {
        return s;
      }
    }).orElse("a moment ago");
    return "another statectl (pid " + pid + ") is " + activity + " since " + at;
  }

  private static Optional<String> field(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1)).findFirst();
  }

  static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the writer lock", e);
    }
  }

  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
