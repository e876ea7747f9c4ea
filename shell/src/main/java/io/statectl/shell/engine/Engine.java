package io.statectl.shell.engine;

import io.statectl.events.UnknownEventTypeException;
import io.statectl.events.log.CorruptRecordException;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import io.statectl.kernel.plugins.PluginHost;
import io.statectl.shell.engine.apply.ActivateHandler;
import io.statectl.shell.engine.apply.ApplyHandler;
import io.statectl.shell.engine.apply.RestoreHandler;
import io.statectl.shell.engine.build.BuildHandler;
import io.statectl.shell.engine.drift.DriftHandler;
import io.statectl.shell.engine.eval.OptionsHandler;
import io.statectl.shell.engine.gc.GcHandler;
import io.statectl.shell.engine.inspect.InspectHandler;
import io.statectl.shell.engine.inspect.ReadHandler;
import io.statectl.shell.engine.inspect.ReplayHandler;
import io.statectl.shell.engine.inspect.StoreQueries;
import io.statectl.shell.engine.plugins.InstalledPlugins;
import io.statectl.shell.engine.plugins.PluginHandler;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WarmCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Handles request values and reports through an {@link Output}; returns the exit code. It knows
 * nothing of the command line or of which process it runs in.
 */
public final class Engine {
  private final Path pluginDir;
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;

  /** An engine for a command of this process, with its environment. */
  public Engine(Path pluginDir, Output out, PhaseTimer timer) {
    this(pluginDir, out, timer, Caller.thisProcess(System.getenv()), WaitTimeout.FOREVER);
  }

  /** @param wait how long commands that change state wait for another statectl's writer lock */
  public Engine(Path pluginDir, Output out, PhaseTimer timer, WaitTimeout wait) {
    this(pluginDir, out, timer, Caller.thisProcess(System.getenv()), wait);
  }

  public Engine(Path pluginDir, Output out, PhaseTimer timer, Caller caller) {
    this(pluginDir, out, timer, caller, WaitTimeout.FOREVER);
  }

  /**
   * @param caller who the request runs for (this process, or a client of the server)
   * @param wait how long commands that change state wait for another statectl's writer lock
   */
  public Engine(Path pluginDir, Output out, PhaseTimer timer, Caller caller, WaitTimeout wait) {
    this.pluginDir = pluginDir;
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
  }

  public int handle(Request request) {
    try {
      return dispatch(request);
    } catch (KernelException e) {
      out.message("error[" + e.code().id() + "]: " + e.getMessage());
      return e.code().exitCode();
    } catch (UnknownEventTypeException e) {
      out.message("error[" + ErrorCode.LOG_FROM_NEWER_STATECTL.id() + "]: " + e.getMessage()
          + "\n  hint: this state directory was written by a newer statectl; use that version (nothing was changed)");
      return ErrorCode.LOG_FROM_NEWER_STATECTL.exitCode();
    } catch (CorruptRecordException e) {
      out.message("error[" + ErrorCode.LOG_CORRUPT.id() + "]: " + e.getMessage()
          + "\n  hint: `statectl history --verify` names the first bad record");
      return ErrorCode.LOG_CORRUPT.exitCode();
    } catch (RuntimeException e) {
      out.message("error[" + ErrorCode.INTERNAL.id() + "]: " + e);
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        out.message("  caused by: " + c);
      }
      out.message("  hint: this is a bug in statectl; rerun with STATECTL_TRACE=1 for a stack trace and report it");
      if (caller.diagnostics() == Caller.Diagnostics.STACK_TRACES) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        out.message(w.toString());
      }
      return ErrorCode.INTERNAL.exitCode();
    } finally {
      timer.report(out);
    }
  }

  private int dispatch(Request request) {
    if (request instanceof Request.Install r) {
      return withPlugins(r.installer(), Optional.of(r.config()), plugins ->
          new io.statectl.shell.engine.install.InstallHandler(out, timer).install(r, plugins));
    }
    if (request instanceof Request.Apply r) {
      for (var lock : InstalledPlugins.installable(r.state(), r.config(), timer)) {
        out.message("installing plugin " + lock.id() + "@" + lock.version() + " pinned by " + r.config().resolve("statectl.lock")
            + ", from " + lock.source());
        new PluginHandler(out, timer, pluginDir, caller).install(new Request.PluginInstall(r.state(), lock.source(),
            Optional.of(lock.sha256()), Optional.empty(), io.statectl.kernel.plugins.InstallPlugin.Intent.UPGRADE,
            Optional.of(lock.id())));
      }
      return withPlugins(r.state(), Optional.of(r.config()), plugins -> new ApplyHandler(out, timer, caller, wait).apply(r, plugins));
    } else if (request instanceof Request.Options r) {
      return withPlugins(r.state(), Optional.empty(), plugins -> new OptionsHandler(out, timer).options(r, plugins));
    } else if (request instanceof Request.Eval r) {
      return withPlugins(r.state(), Optional.of(r.config()), plugins -> new OptionsHandler(out, timer).eval(r, plugins));
    } else if (request instanceof Request.Secrets r) {
      return withPlugins(r.state(), Optional.of(r.config()),
          plugins -> new io.statectl.shell.engine.secrets.SecretsHandler(out, timer).run(r, plugins));
    } else if (request instanceof Request.Check r) {
      return withPlugins(r.state(), Optional.of(r.config()), plugins -> new OptionsHandler(out, timer).check(r, plugins));
    } else if (request instanceof Request.PluginInstall r) {
      return new PluginHandler(out, timer, pluginDir, caller).install(r);
    } else if (request instanceof Request.PluginList r) {
      return new PluginHandler(out, timer, pluginDir, caller).list(r);
    } else if (request instanceof Request.PluginRemove r) {
      return new PluginHandler(out, timer, pluginDir, caller).remove(r);
    } else if (request instanceof Request.PluginVerify r) {
      return new PluginHandler(out, timer, pluginDir, caller).verify(r);
    } else if (request instanceof Request.Activate r) {
      return new ActivateHandler(out, timer, caller, wait).activate(r);
    } else if (request instanceof Request.Boot r) {
      return new io.statectl.shell.engine.boot.BootHandler(out, timer, caller, wait).boot(r);
    } else if (request instanceof Request.Generations r) {
      return new ReadHandler(out, timer).generations(r);
    } else if (request instanceof Request.History r) {
      return new ReadHandler(out, timer).history(r);
    } else if (request instanceof Request.Verify r) {
      return new ReadHandler(out, timer).verify(r);
    } else if (request instanceof Request.Reanchor r) {
      return io.statectl.shell.engine.inspect.ChainHeadCheck.reanchor(r, out, timer, caller, wait);
    } else if (request instanceof Request.PathInfo r) {
      return new ReadHandler(out, timer).pathInfo(r);
    } else if (request instanceof Request.Build r) {
      return withPlugins(null, Optional.empty(), plugins -> new BuildHandler(out, timer, caller).build(r, plugins));
    } else if (request instanceof Request.Log r) {
      return new StoreQueries(out, timer).log(r);
    } else if (request instanceof Request.WhyDepends r) {
      return new StoreQueries(out, timer).whyDepends(r);
    } else if (request instanceof Request.ClosureSize r) {
      return new StoreQueries(out, timer).closureSize(r);
    } else if (request instanceof Request.Backups r) {
      return new ReadHandler(out, timer).backups(r);
    } else if (request instanceof Request.ShowGeneration r) {
      return new InspectHandler(out, timer).show(r);
    } else if (request instanceof Request.Diff r) {
      return new InspectHandler(out, timer).diff(r, pluginDir);
    } else if (request instanceof Request.Replay r) {
      return new ReplayHandler(pluginDir, out, timer, caller, wait).replay(r);
    } else if (request instanceof Request.Status r) {
      return new DriftHandler(out, timer, caller, wait).status(r);
    } else if (request instanceof Request.Repair r) {
      return new DriftHandler(out, timer, caller, wait).repair(r);
    } else if (request instanceof Request.ListRoots r) {
      return new io.statectl.shell.engine.store.RootsHandler(out, timer).roots(r);
    } else if (request instanceof Request.WhyAlive r) {
      return new io.statectl.shell.engine.store.RootsHandler(out, timer).whyAlive(r);
    } else if (request instanceof Request.StoreVerify r) {
      return new io.statectl.shell.engine.store.VerifyHandler(out, timer, caller, wait).verify(r);
    } else if (request instanceof Request.StoreAdd r) {
      return new io.statectl.shell.engine.store.AddHandler(out, timer, caller, wait).add(r);
    } else if (request instanceof Request.StoreOptimise r) {
      return new io.statectl.shell.engine.store.AddHandler(out, timer, caller, wait).optimise(r);
    } else if (request instanceof Request.Explain r) {
      return new io.statectl.shell.engine.tools.ExplainHandler(out).explain(r);
    } else if (request instanceof Request.Init r) {
      return new io.statectl.shell.engine.tools.InitHandler(out).init(r);
    } else if (request instanceof Request.Doctor r) {
      return new io.statectl.shell.engine.tools.DoctorHandler(out).doctor(r);
    } else if (request instanceof Request.CacheKeygen r) {
      return new io.statectl.shell.engine.cache.CacheHandler(out, timer).keygen(r);
    } else if (request instanceof Request.CachePush r && r.source() instanceof Request.PushSource.Host h) {
      return withPlugins(r.state(), Optional.of(h.config()), plugins -> new io.statectl.shell.engine.cache.CacheHandler(out,
          timer).pushHost(r, h, new ApplyHandler(out, timer, caller, wait), plugins));
    } else if (request instanceof Request.CachePush r) {
      return new io.statectl.shell.engine.cache.CacheHandler(out, timer).push(r);
    } else if (request instanceof Request.CacheServe r) {
      return new io.statectl.shell.engine.cache.CacheHandler(out, timer).serve(r);
    } else if (request instanceof Request.Deploy r) {
      return withPlugins(r.state(), Optional.of(r.config()), plugins ->
          new io.statectl.shell.engine.deploy.DeployHandler(out, timer, caller, wait, r.env()).deploy(r, plugins));
    } else if (request instanceof Request.DeployNode r) {
      return new io.statectl.shell.engine.deploy.NodeHandler(out, timer, caller, wait).handle(r);
    } else if (request instanceof Request.Lock r) {
      return new io.statectl.shell.engine.inputs.LockHandler(out, timer, caller, wait).lock(r);
    } else if (request instanceof Request.Gc r) {
      return new GcHandler(out, timer, caller, wait).gc(r);
    }
    return new RestoreHandler(out, timer, caller, wait).restore((Request.RestoreBackup) request);
  }

  /**
   * Runs {@code work} with the built-in plugins plus the installed ones the configuration pins (all
   * installed, without one): kept loaded in the server, loaded and closed per command otherwise.
   */
  private int withPlugins(io.statectl.kernel.state.StateDirectory state, Optional<Path> config,
      java.util.function.ToIntFunction<PluginHost> work) {
    List<Path> installed = state == null ? List.of() : InstalledPlugins.jarsFor(state, config, timer, out);
    Optional<WarmCache> warm = WarmCache.active();
    if (warm.isPresent()) {
      return work.applyAsInt(warm.get().plugins(pluginDir, installed, timer));
    }
    try (PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir, installed))) {
      return work.applyAsInt(plugins);
    }
  }
}
