package io.statectl.shell.engine.session;

import io.statectl.events.log.EventLog;
import io.statectl.events.log.VerifyResult;
import io.statectl.kernel.profile.ProfileCommands;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.kernel.store.FileTrees;
import io.statectl.kernel.store.Store;
import io.statectl.projections.ProjectionStore;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.build.InstantiationMemo;
import io.statectl.shell.engine.inspect.LogCorruptException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One command's use of a state directory. In a CLI process it opens what it touches and closes it
 * at the end; in the resident server it leases the parts the server keeps open ({@link WarmCache})
 * and closing only returns them. Either way the read models are caught up with the log, and the
 * log's tail is verified, on first use in each session.
 */
public final class StateSession implements AutoCloseable {
  /**
   * One lock per historical view environment in this process: LMDB forbids opening one
   * environment twice in a process, and the server runs commands concurrently.
   */
  private static final Map<Path, ReentrantLock> VIEWS_IN_USE = new ConcurrentHashMap<>();

  private final StateDirectory dir;
  private final PhaseTimer timer;
  private final OpenedState parts;
  private final Runnable release;
  private final Deque<AutoCloseable> views = new ArrayDeque<>();
  private boolean caughtUp;
  private boolean leftoversRemoved;
  private boolean tailVerified;
  private io.statectl.kernel.gc.TempRoots tempRoots;

  /** Whether this session may change the state directory (it then holds the writer lock). */
  public enum Access { READ, WRITE }

  private final Access access;

  public StateSession(StateDirectory dir, PhaseTimer timer) {
    this(dir, timer, Access.READ);
  }

  public StateSession(StateDirectory dir, PhaseTimer timer, Access access) {
    this.dir = dir;
    this.timer = timer;
    this.access = access;
    java.util.Optional<WarmCache> warm = WarmCache.active();
    if (warm.isPresent()) {
      WarmCache.Lease lease = warm.get().lease(dir);
      this.parts = lease.parts();
      this.release = lease.release();
    } else {
      this.parts = new OpenedState(dir);
      this.release = parts::close;
    }
  }

  public StateDirectory directory() {
    return dir;
  }

  /** Records whose checksums and chain links every command checks when it opens the log. */
  static final int TAIL_CHECK = 64;

  /**
   * The event log, its last {@link #TAIL_CHECK} records verified (checksums and hash chain) once
   * per session: the cheap check every command makes; {@code history --verify} checks all of it.
   *
   * @throws LogCorruptException when the tail is not intact
   */
  public EventLog log() {
    EventLog log = parts.log(timer);
    if (!tailVerified) {
      VerifyResult tail = timer.time("verify tail", () -> log.verify(Math.max(1, log.lastSequence() - TAIL_CHECK + 1)));
      if (tail instanceof VerifyResult.Broken b) {
        throw new LogCorruptException(b, dir.events().toString());
      }
      tailVerified = true;
    }
    return log;
  }

  /**
   * The read models as of event {@code sequence}, in their own environment under
   * {@code views/}, built on first use and reused after; the live read models are not touched.
   * Opened for this session only (and by one session of this process at a time).
   */
  public ProjectionStore view(long sequence) {
    EventLog l = log();
    Path path = dir.views().resolve("as-of-" + sequence).toAbsolutePath().normalize();
    ReentrantLock inUse = VIEWS_IN_USE.computeIfAbsent(path, k -> new ReentrantLock());
    inUse.lock();
    ProjectionStore v;
    try {
      v = timer.time("lmdb-open view", () -> ProjectionStore.open(path));
    } catch (RuntimeException e) {
      inUse.unlock();
      throw e;
    }
    views.push(() -> {
      try {
        v.close();
      } finally {
        inUse.unlock();
      }
    });
    timer.time("view catch-up", () -> v.catchUp(l, sequence));
    return v;
  }

  /** Deletes the live read models and every view, then rebuilds the live ones from the whole log. */
  public long rebuildProjections() {
    closeViews();
    EventLog l = log();
    ProjectionStore p = parts.rebuildProjections(timer, () -> {
      FileTrees.deleteRecursively(dir.projections());
      FileTrees.deleteRecursively(dir.views());
    });
    caughtUp = true;
    return timer.time("projections rebuild", () -> p.catchUp(l));
  }

  public Store store() {
    Store store = parts.store(timer);
    if (access == Access.WRITE && !leftoversRemoved) {
      store.removeLeftovers();
      leftoversRemoved = true;
    }
    return store;
  }

  /** The read models, caught up with the log (rebuilt in full if they were deleted). */
  public ProjectionStore projections() {
    ProjectionStore projections = parts.projections(timer);
    if (!caughtUp) {
      EventLog l = log();
      timer.time("projections catch-up", () -> projections.catchUp(l));
      caughtUp = true;
    }
    return projections;
  }

  /** Re-reads what commands appended, so results printed after a change include it. */
  public void refreshProjections() {
    if (caughtUp) {
      parts.projections(timer).catchUp(log());
    }
  }

  /** What the builds of this session may skip (the server remembers built trees; a CLI process does not). */
  public io.statectl.kernel.generation.BuildMemo buildMemo() {
     return parts.buildMemo();
  }

  /** The derivations the server stored per package set (a CLI process remembers nothing). */
  public InstantiationMemo instantiations() {
     return parts.instantiations();
  }

  /**
   * This command's temp roots (created on first use, released when the session closes): what a
   * build or add has made or will use, so a concurrent {@code gc} keeps it.
   */
  public synchronized io.statectl.kernel.gc.TempRoots tempRoots() {
    if (tempRoots == null) {
      tempRoots = io.statectl.kernel.gc.TempRoots.create(dir.tempRoots());
    }
    return tempRoots;
  }

  public ProfileCommands commands() {
    log(); // verify the tail first
     return parts.commands(timer);
  }

  private RuntimeException closeViews() {
    RuntimeException failure = null;
    while (!views.isEmpty()) {
      try {
        views.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing a view of the state directory failed", e);
        }
      }
    }
    return failure;
  }

  @Override
  public void close() {
    RuntimeException failure = closeViews();
    if (tempRoots != null) {
      try {
        tempRoots.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    try {
      release.run();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
