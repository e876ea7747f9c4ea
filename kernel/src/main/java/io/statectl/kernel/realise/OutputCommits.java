package io.statectl.kernel.realise;

import io.statectl.kernel.derivation.Derivation;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit for finished builds: build threads hand over outputs that are checked and in place
 * ({@link Store#prepareOutput}) and go on to the next build; one thread registers every output
 * waiting in one index transaction, then lets the listener record them ({@link
 * BuildListener#committed}, one log commit), then releases their build locks and completes their
 * outcomes — so a build's dependents start only once it is valid, and a group of builds costs two
 * fsyncs instead of two each. The order per output is unchanged: files in place, then
 * registration, then the event that names it.
 */
final class OutputCommits implements AutoCloseable {

  /** A built output waiting for its registration; its lock is held until then. */
  record Built(StorePath drv, Derivation d, PathInfo info, PathLocks.Held lock, Path work, Duration took,
      Path log, CompletableFuture<DagScheduler.Outcome> outcome) {}

  private static final Built STOP = new Built(null, null, null, null, null, null, null, null);

  private final Store store;
  private final BuildListener listener;
  private final AtomicInteger built;
  private final List<BuildFailure> failures;
  private final BlockingQueue<Built> queue = new LinkedBlockingQueue<>();
  private final Thread thread;

  OutputCommits(Store store, BuildListener listener, AtomicInteger built, List<BuildFailure> failures) {
    this.store = store;
    this.listener = listener;
    this.built = built;
    this.failures = failures;
    this.thread = new Thread(this::loop, "build-commits");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code b} for the next group commit; its outcome completes after it. */
  CompletableFuture<DagScheduler.Outcome> submit(Built b) {
    queue.add(b);
    return b.outcome();
  }

  private void loop() {
    List<Built> group = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      group.clear();
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops this thread, once everything queued is committed
      }
      queue.drainTo(group);
      stop = group.remove(STOP);
      if (!group.isEmpty()) {
        commit(List.copyOf(group));
      }
    }
  }

  private void commit(List<Built> group) {
    try {
      store.registerOutputs(group.stream().map(Built::info).toList());
    } catch (RuntimeException e) {
      for (Built b : group) {
        fail(b, "registering the output failed: " + e.getMessage());
      }
      return;
    }
    for (Built b : group) {
      built.incrementAndGet();
      listener.succeeded(b.drv(), b.d(), b.took(), b.log());
    }
    Optional<RuntimeException> unrecorded = Optional.empty();
    try {
      listener.committed();
    } catch (RuntimeException e) {
      unrecorded = Optional.of(e);
    }
    for (Built b : group) {
      if (unrecorded.isPresent()) {
        failures.add(new BuildFailure(b.drv(), "built and registered, but recording the build failed: "
            + unrecorded.get().getMessage(), Optional.empty()));
      }
      release(b, unrecorded.isPresent() ? DagScheduler.Outcome.FAILED : DagScheduler.Outcome.SUCCEEDED);
    }
    for (Built b : group) {
      FileTrees.deleteRecursively(b.work());
    }
  }

  private void fail(Built b, String reason) {
    try {
      listener.failed(b.drv(), b.d(), reason, b.took(), b.log());
    } catch (RuntimeException e) {
      // the failure is reported in the result all the same
    }
    failures.add(new BuildFailure(b.drv(), reason, Optional.of(b.log())));
    release(b, DagScheduler.Outcome.FAILED);
    FileTrees.deleteRecursively(b.work());
  }

  private static void release(Built b, DagScheduler.Outcome o) {
    try {
      b.lock().close();
    } finally {
      b.outcome().complete(o);
    }
  }

  /** Commits everything queued, then stops the committing thread. */
  @Override
  public void close() {
    queue.add(STOP);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
