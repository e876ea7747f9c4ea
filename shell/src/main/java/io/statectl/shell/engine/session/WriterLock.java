package io.statectl.shell.engine.session;

import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Cancellation;
import io.statectl.shell.engine.CancelledException;
import io.statectl.shell.engine.Output;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises commands that change a state directory, across processes and across the threads of
 * one process (the resident server runs commands concurrently): first a lock per file within this
 * JVM — OS file locks are per process, so two threads must not both ask for one — then an OS file
 * lock on {@code writer.lock}, which also records who holds it (pid, since when, for whom, doing
 * what) so that a waiting user is told why. Waiting stops when the request is cancelled or the
 * {@link WaitTimeout} runs out. Readers never take it. Release on the thread that acquired.
 */
public final class WriterLock implements AutoCloseable {
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 50;
  private final ReentrantLock inProcess;
  private final FileChannel channel;
  private final FileLock lock;

  private WriterLock(ReentrantLock inProcess, FileChannel channel, FileLock lock) {
    this.inProcess = inProcess;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits as long as it takes, for this process. */
  public static WriterLock acquire(Path file, Output out) {
    return acquire(file, out, Caller.thisProcess(Map.of()), WaitTimeout.FOREVER, "changing");
  }

  /** Waits up to {@code wait}, for this process. */
  public static WriterLock acquire(Path file, Output out, WaitTimeout wait, String activity) {
    return acquire(file, out, Caller.thisProcess(Map.of()), wait, activity);
  }

  /** Waits as long as it takes (or until cancelled), for {@code caller}. */
  public static WriterLock acquire(Path file, Output out, Caller caller) {
    return acquire(file, out, caller, WaitTimeout.FOREVER, "changing");
  }

  /**
   * Takes the lock for {@code caller}, waiting up to {@code wait} for another statectl (or another
   * request in this server) to release it, and stopping when the caller's request is cancelled.
   *
   * @param activity what this process will be doing, for another one's message, e.g. "applying"
   * @throws WriterBusyException when the wait runs out
   * @throws CancelledException when the request is cancelled while waiting
   */
  public static WriterLock acquire(Path file, Output out, Caller caller, WaitTimeout wait, String activity) {
    Optional<Duration> limit = wait.limit();
    long deadline = limit.map(d -> System.nanoTime() + d.toNanos()).orElse(0L);
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
    boolean told = false;
    try {
      if (!inProcess.tryLock()) {
        tellWaiting(file, out, limit);
        told = true;
        while (!inProcess.tryLock(pollMillis(limit, deadline), TimeUnit.MILLISECONDS)) {
          caller.cancellation().check("waiting for the writer lock");
          giveUpIfDue(file, limit, deadline);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("waiting for the writer lock");
    }
    FileChannel ch = null;
    try {
      Files.createDirectories(file.getParent());
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l = ch.tryLock();
      while (l == null) {
        if (!told) {
          tellWaiting(file, out, limit);
          told = true;
        }
        caller.cancellation().check("waiting for the writer lock");
        giveUpIfDue(file, limit, deadline);
        Cancellation.sleep(pollMillis(limit, deadline));
        l = ch.tryLock();
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\nsince=" + Instant.now()
          + "\nholder=" + caller.description().replace('\n', ' ')
          + "\nactivity=" + activity + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new WriterLock(inProcess, ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      inProcess.unlock();
      throw new UncheckedIOException("cannot lock " + file, e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      inProcess.unlock();
      throw e;
    }
  }

  private static long pollMillis(Optional<Duration> limit, long deadline) {
    if (limit.isEmpty()) {
      return POLL_MILLIS;
    }
    return Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
  }

  private static void giveUpIfDue(Path file, Optional<Duration> limit, long deadline) {
    if (limit.isPresent() && System.nanoTime() - deadline >= 0) {
      throw new WriterBusyException(file, describeHolder(file), text(limit.get()));
    }
  }

  private static void tellWaiting(Path file, Output out, Optional<Duration> limit) {
    out.message(describeHolder(file) + " (" + file + "); waiting for it to finish"
        + limit.map(d -> ", at most " + text(d)).orElse(""));
  }

  /** "another statectl (pid 4711) is applying since 12:03:04", from the holder's record. */
  private static String describeHolder(Path file) {
    String text;
    try {
      text = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim() : "";
    } catch (IOException e) {
      text = "";
    }
    if (text.isEmpty()) {
      return "another statectl (pid unknown) is starting to change the state directory";
    }
    if (!text.contains("=")) {
      return "another statectl (" + text + ") is changing the state directory"; // an older statectl's record
    }
    String who = field(text, "holder").orElse("pid " + field(text, "pid").orElse("unknown"));
    Optional<String> since = field(text, "since");
    String activity = field(text, "activity").orElse("changing");
    String at = since.map(s -> {
      try {
        return LocalTime.ofInstant(Instant.parse(s), ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
      } catch (RuntimeException e) {
        return s;
      }
    }).orElse("a moment ago");
    return "another statectl (" + who + ") is " + activity + " since " + at;
  }

  private static Optional<String> field(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1)).findFirst();
  }

  static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // already failing
      }
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
    } finally {
      inProcess.unlock();
    }
  }
}
