package io.statectl.shell.engine;

import io.statectl.events.log.EventLog;
import io.statectl.kernel.profile.ProfileCommands;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.kernel.store.Store;
import io.statectl.projections.ProjectionStore;

/**
 * One command's use of a state directory. In a CLI process it opens what it touches and closes it
 * at the end; in the resident server it leases the parts the server keeps open ({@link WarmCache})
 * and closing only returns them. Either way the read models are caught up with the log on first
 * use in each session.
 */
final class StateSession implements AutoCloseable {
  private final StateDirectory dir;
  private final PhaseTimer timer;
  private final OpenedState parts;
  private final Runnable release;
  private boolean caughtUp;
  private boolean leftoversRemoved;

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

  StateDirectory directory() {
    return dir;
  }

  EventLog log() {
    return parts.log(timer);
  }

  Store store() {
    Store store = parts.store(timer);
    if (access == Access.WRITE && !leftoversRemoved) {
      store.removeLeftovers();
      leftoversRemoved = true;
    }
    return store;
  }

  /** The read models, caught up with the log (rebuilt in full if they were deleted). */
  ProjectionStore projections() {
    ProjectionStore projections = parts.projections(timer);
    if (!caughtUp) {
      EventLog l = log();
      timer.time("projections catch-up", () -> projections.catchUp(l));
      caughtUp = true;
    }
    return projections;
  }

  /** Re-reads what commands appended, so results printed after a change include it. */
  void refreshProjections() {
    if (caughtUp) {
      parts.projections(timer).catchUp(log());
    }
  }

  /** What the builds of this session may skip (the server remembers built trees; a CLI process does not). */
  io.statectl.kernel.generation.BuildMemo buildMemo() {
    return parts.buildMemo();
  }

  ProfileCommands commands() {
    return parts.commands(timer);
  }

  @Override
  public void close() {
    release.run();
  }
}
