package io.statectl.shell.engine.session;

import io.statectl.kernel.eval.EvaluationMemo;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.generation.BuildMemo;
import io.statectl.kernel.plugins.PluginHost;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.PhaseTimer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What a resident server keeps open between commands: the loaded plugins and, per state
 * directory, its {@link OpenedState}. Process-wide and off by default: a CLI process opens and
 * closes everything per command, exactly as before; only {@code statectl server} enables it.
 *
 * <p>Commands lease a state directory's parts for their duration (a read lock); when an LMDB
 * environment was deleted or replaced on disk (say, the read models were deleted to be rebuilt),
 * the next lease waits for running commands, then closes and reopens — LMDB forbids opening one
 * environment twice in a process, so there is never more than one {@link OpenedState} per
 * directory.
 */
public final class WarmCache implements AutoCloseable {
  private static volatile WarmCache active;

  private final Map<Path, Warm> states = new ConcurrentHashMap<>();
  private final Map<List<Object>, PluginHost> plugins = new ConcurrentHashMap<>();
  /** By module set: PluginHost has identity equality, and stays loaded as long as this cache. */
  private final Map<ModuleRegistry, EvaluationMemo> evaluations = new ConcurrentHashMap<>();

  private WarmCache() {}

  /** Makes this process keep state and plugins open from now on; returns the cache to close at exit. */
  public static synchronized WarmCache enable() {
    if (active == null) {
      active = new WarmCache();
    }
    return active;
  }

  public static Optional<WarmCache> active() {
    return Optional.ofNullable(active);
  }

  /**
   * The built-in plugins of {@code pluginDir} plus the {@code installed} jars, loaded on first use
   * and kept. A jar replaced on disk (another size or modification time) is a new set, loaded anew;
   * sets no longer asked for stay loaded until the server exits (a command may still use them).
   */
  public synchronized PluginHost plugins(Path pluginDir, List<Path> installed, PhaseTimer timer) {
    List<Object> key = new ArrayList<>();
    key.add(pluginDir.toAbsolutePath().normalize());
    for (Path jar : installed) {
      key.add(jar.toAbsolutePath().normalize());
      try {
        key.add(Files.size(jar));
        key.add(Files.getLastModifiedTime(jar).toMillis());
      } catch (IOException e) {
        key.add(-1L); // loading reports it
      }
    }
    PluginHost host = plugins.get(key);
    if (host == null) {
      host = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir, installed));
      plugins.put(List.copyOf(key), host);
    }
    return host;
  }

  /**
   * The evaluations remembered for one set of loaded modules (a {@link PluginHost} of
   * {@link #plugins}; another set, say after a plugin was replaced, starts with none).
   */
  public EvaluationMemo evaluations(ModuleRegistry modules) {
    return evaluations.computeIfAbsent(modules, m -> EvaluationMemo.inMemory());
  }

  /** Leases the opened parts of {@code dir}; the caller must {@link Lease#release} on the same thread. */
  Lease lease(StateDirectory dir) {
    return states.computeIfAbsent(dir.root(), k -> new Warm(dir)).lease();
  }

  /** Closes everything; only when no command runs any more. */
  @Override
  public synchronized void close() {
    states.values().forEach(Warm::close);
    states.clear();
    plugins.values().forEach(PluginHost::close);
    plugins.clear();
    evaluations.clear();
  }

  /** A leased {@link OpenedState}. */
  record Lease(OpenedState parts, Runnable release) {}

  private static final class Warm {
    private final StateDirectory dir;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private OpenedState parts;

    Warm(StateDirectory dir) {
      this.dir = dir;
      this.parts = new OpenedState(dir, BuildMemo.inMemory());
    }

    Lease lease() {
      lock.readLock().lock();
      if (parts.stale()) {
        lock.readLock().unlock();
        lock.writeLock().lock();
        try {
          if (parts.stale()) {
            try {
              parts.close();
            } finally {
              parts = new OpenedState(dir, BuildMemo.inMemory());
            }
          }
          lock.readLock().lock();
        } finally {
          lock.writeLock().unlock();
        }
      }
      return new Lease(parts, lock.readLock()::unlock);
    }

    void close() {
      lock.writeLock().lock();
      try {
        parts.close();
      } finally {
        lock.writeLock().unlock();
      }
    }
  }
}
