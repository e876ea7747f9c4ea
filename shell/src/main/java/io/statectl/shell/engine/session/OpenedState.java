package io.statectl.shell.engine.session;

import io.statectl.events.log.EventLog;
import io.statectl.kernel.generation.BuildMemo;
import io.statectl.kernel.profile.ProfileCommands;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.kernel.store.LmdbPathIndex;
import io.statectl.kernel.store.Store;
import io.statectl.projections.ProjectionStore;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.build.InstantiationMemo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The opened parts of one state directory — event log, store, read models, Axon — each opened on
 * first use (LMDB and Axon cost hundreds of milliseconds; a command pays only for what it
 * touches) and closed together, in reverse order. Thread-safe: a resident server shares one per
 * state directory between concurrent commands. It remembers which file each LMDB environment
 * opened, so that a holder can tell when one was deleted or replaced underneath ({@link #stale}).
 */
public final class OpenedState implements AutoCloseable {
  private final StateDirectory dir;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private final Map<Path, Object> openedFiles = new LinkedHashMap<>();
  private EventLog log;
  private Store store;
  private ProjectionStore projections;
  private ProfileCommands commands;
  private final BuildMemo memo;
  private final InstantiationMemo instantiations;

  /** Parts for one command: nothing is remembered between builds. */
  OpenedState(StateDirectory dir) {
    this(dir, BuildMemo.NONE);
  }

  /** Parts kept open by a server, which remembers built trees across commands in {@code memo}. */
  OpenedState(StateDirectory dir, BuildMemo memo) {
    this.dir = dir;
    this.memo = memo;
    this.instantiations = memo == BuildMemo.NONE ? InstantiationMemo.NONE : new InstantiationMemo();
  }

  BuildMemo buildMemo() {
    return memo;
  }

  /** The derivations stored per package set: remembered in a server, never in a CLI process. */
  InstantiationMemo instantiations() {
    return instantiations;
  }

  synchronized EventLog log(PhaseTimer timer) {
    if (log == null) {
      // Timed on its own to show Jackson's share of start-up; every state-dir command needs it.
      timer.time("jackson init", io.statectl.events.EventJson::newMapper);
      log = timer.time("lmdb-open events", () -> EventLog.open(dir.events()));
      opened.push(log);
      remember(dir.events());
    }
    return log;
  }

  synchronized Store store(PhaseTimer timer) {
    if (store == null) {
      LmdbPathIndex index = timer.time("lmdb-open db", () -> LmdbPathIndex.open(dir.db()));
      // the store owns and closes its index
      store = Store.open(dir.store(), index, Clock.systemUTC());
      opened.push(store);
      remember(dir.db());
    }
    return store;
  }

  /** The read models, not caught up: that is each command's business. */
  synchronized ProjectionStore projections(PhaseTimer timer) {
    if (projections == null) {
      projections = timer.time("lmdb-open projections", () -> ProjectionStore.open(dir.projections()));
      opened.push(projections);
      remember(dir.projections());
    }
    return projections;
  }

  /**
   * Closes the read models, runs {@code delete} (which removes their files), and opens them anew,
   * empty: for a full rebuild from the log.
   */
  synchronized ProjectionStore rebuildProjections(PhaseTimer timer, Runnable delete) {
    if (projections != null) {
      opened.remove(projections);
      openedFiles.remove(dir.projections().resolve("data.mdb"));
      projections.close();
      projections = null;
    }
    delete.run();
    return projections(timer);
  }

  synchronized ProfileCommands commands(PhaseTimer timer) {
    if (commands == null) {
      EventLog l = log(timer);
      commands = timer.time("axon start", () -> ProfileCommands.start(l));
      opened.push(commands);
    }
    return commands;
  }

  /** Whether an environment this opened was deleted or replaced on disk since (then reopen). */
  synchronized boolean stale() {
    for (Map.Entry<Path, Object> e : openedFiles.entrySet()) {
      if (!Objects.equals(e.getValue(), fileKey(e.getKey()))) {
        return true;
      }
    }
    return false;
  }

  private void remember(Path environment) {
    Path data = environment.resolve("data.mdb");
    openedFiles.put(data, fileKey(data));
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() {
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
