package io.statectl.shell.engine;

import io.statectl.events.log.EventLog;
import io.statectl.events.log.VerifyResult;
import io.statectl.kernel.profile.ProfileCommands;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.kernel.store.LmdbPathIndex;
import io.statectl.kernel.store.Store;
import io.statectl.projections.ProjectionStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The opened parts of one state directory, each opened on first use: LMDB and Axon cost
 * hundreds of milliseconds, and a command pays only for what it touches. Closing closes what
 * was opened, in reverse order.
 */
final class StateSession implements AutoCloseable {
  private final StateDirectory dir;
  private final PhaseTimer timer;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private EventLog log;
  private Store store;
  private ProjectionStore projections;
  private ProfileCommands commands;

  /** Whether this session may change the state directory (it then holds the writer lock). */
  enum Access { READ, WRITE }

  private final Access access;

  StateSession(StateDirectory dir, PhaseTimer timer) {
    this(dir, timer, Access.READ);
  }

  StateSession(StateDirectory dir, PhaseTimer timer, Access access) {
    this.dir = dir;
    this.timer = timer;
    this.access = access;
  }

  StateDirectory directory() {
    return dir;
  }

  /** Records whose checksums and chain links every command checks when it opens the log. */
  static final int TAIL_CHECK = 64;

  /**
   * The event log, its last {@link #TAIL_CHECK} records verified (checksums and hash chain): the
   * cheap check every command makes; {@code history --verify} checks all of it.
   *
   * @throws LogCorruptException when the tail is not intact
   */
  EventLog log() {
    if (log == null) {
      // Timed on its own to show Jackson's share of start-up; every state-dir command needs it.
      timer.time("jackson init", io.statectl.events.EventJson::newMapper);
      log = timer.time("lmdb-open events", () -> EventLog.open(dir.events()));
      opened.push(log);
      VerifyResult tail = timer.time("verify tail", () -> log.verify(Math.max(1, log.lastSequence() - TAIL_CHECK + 1)));
      if (tail instanceof VerifyResult.Broken b) {
        throw new LogCorruptException(b, dir.events().toString());
      }
    }
    return log;
  }

  /**
   * The read models as of event {@code sequence}, in their own environment under
   * {@code views/}, built on first use and reused after; the live read models are not touched.
   */
  ProjectionStore view(long sequence) {
    EventLog l = log();
    ProjectionStore v = timer.time("lmdb-open view", () -> ProjectionStore.open(dir.views().resolve("as-of-" + sequence)));
    opened.push(v);
    timer.time("view catch-up", () -> v.catchUp(l, sequence));
    return v;
  }

  /** Deletes the live read models and every view, then rebuilds the live ones from the whole log. */
  long rebuildProjections() {
    if (projections != null) {
      opened.remove(projections);
      projections.close();
      projections = null;
    }
    Trees.delete(dir.projections());
    Trees.delete(dir.views());
    EventLog l = log();
    projections = timer.time("lmdb-open projections", () -> ProjectionStore.open(dir.projections()));
    opened.push(projections);
    return timer.time("projections rebuild", () -> projections.catchUp(l));
  }

  Store store() {
    if (store == null) {
      LmdbPathIndex index = timer.time("lmdb-open db", () -> LmdbPathIndex.open(dir.db()));
      // the store owns and closes its index
      store = Store.open(dir.store(), index, Clock.systemUTC());
      opened.push(store);
      if (access == Access.WRITE) {
        store.removeLeftovers();
      }
    }
    return store;
  }

  /** The read models, caught up with the log (rebuilt in full if they were deleted). */
  ProjectionStore projections() {
    if (projections == null) {
      EventLog l = log();
      projections = timer.time("lmdb-open projections", () -> ProjectionStore.open(dir.projections()));
      opened.push(projections);
      timer.time("projections catch-up", () -> projections.catchUp(l));
    }
    return projections;
  }

  /** Re-reads what commands appended, so results printed after a change include it. */
  void refreshProjections() {
    if (projections != null) {
      projections.catchUp(log());
    }
  }

  ProfileCommands commands() {
    if (commands == null) {
      EventLog l = log();
      commands = timer.time("axon start", () -> ProfileCommands.start(l));
      opened.push(commands);
    }
    return commands;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing the state directory failed", e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
