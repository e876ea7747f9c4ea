package io.statectl.shell.engine;

import io.statectl.events.log.EventLog;
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

  EventLog log() {
    if (log == null) {
      // Timed on its own to show Jackson's share of start-up; every state-dir command needs it.
      timer.time("jackson init", io.statectl.events.EventJson::newMapper);
      log = timer.time("lmdb-open events", () -> EventLog.open(dir.events()));
      opened.push(log);
    }
    return log;
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
