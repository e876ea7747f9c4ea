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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises commands that change a state directory, across processes and across the threads of
 * one process (the resident server runs commands concurrently): first a lock per file within this
 * JVM — OS file locks are per process, so two threads must not both ask for one — then an OS file
 * lock on {@code writer.lock}, which also records who holds it so that a waiting user is told
 * why. Waiting stops when the request is cancelled. Readers never take it. Release on the thread
 * that acquired.
 */
final class WriterLock implements AutoCloseable {
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

  static WriterLock acquire(Path file, Output out) {
    return acquire(file, out, Caller.thisProcess(Map.of()));
  }

  static WriterLock acquire(Path file, Output out, Caller caller) {
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
    boolean told = false;
    try {
      if (!inProcess.tryLock()) {
        tellWaiting(file, out);
        told = true;
        while (!inProcess.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          caller.cancellation().check("waiting for the writer lock");
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
          tellWaiting(file, out);
          told = true;
        }
        caller.cancellation().check("waiting for the writer lock");
        Cancellation.sleep(POLL_MILLIS);
        l = ch.tryLock();
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((caller.description() + ", since " + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
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

  private static void tellWaiting(Path file, Output out) {
    String holder;
    try {
      holder = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim() : "";
    } catch (IOException e) {
      holder = "";
    }
    out.message("another statectl (" + (holder.isEmpty() ? "unknown pid" : holder)
        + ") is changing " + file.getParent() + "; waiting for it to finish");
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
