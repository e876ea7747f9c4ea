package io.statectl.shell.engine;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.KernelException;
import io.statectl.kernel.plugins.PluginHost;
import java.nio.file.Path;

/**
 * Handles request values and reports through an {@link Output}; returns the exit code. It knows
 * nothing of the command line or of which process it runs in.
 */
public final class Engine {
  private final Path pluginDir;
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;

  /** An engine for a command of this process, with its environment. */
  public Engine(Path pluginDir, Output out, PhaseTimer timer) {
    this(pluginDir, out, timer, Caller.thisProcess(System.getenv()));
  }

  public Engine(Path pluginDir, Output out, PhaseTimer timer, Caller caller) {
    this.pluginDir = pluginDir;
    this.out = out;
    this.timer = timer;
    this.caller = caller;
  }

  public int handle(Request request) {
    try {
      return dispatch(request);
    } catch (KernelException e) {
      out.message("error[" + e.code().id() + "]: " + e.getMessage());
      return e.code().exitCode();
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
    if (request instanceof Request.Apply r) {
      return withPlugins(plugins -> new ApplyHandler(out, timer, caller).apply(r, plugins));
    } else if (request instanceof Request.Options r) {
      return withPlugins(plugins -> new OptionsHandler(out, timer).options(r, plugins));
    } else if (request instanceof Request.Eval r) {
      return withPlugins(plugins -> new OptionsHandler(out, timer).eval(r, plugins));
    } else if (request instanceof Request.Check r) {
      return withPlugins(plugins -> new OptionsHandler(out, timer).check(r, plugins));
    } else if (request instanceof Request.Activate r) {
      return new ActivateHandler(out, timer, caller).activate(r);
    } else if (request instanceof Request.Generations r) {
      return new ReadHandler(out, timer).generations(r);
    } else if (request instanceof Request.History r) {
      return new ReadHandler(out, timer).history(r);
    } else if (request instanceof Request.Verify r) {
      return new ReadHandler(out, timer).verify(r);
    } else if (request instanceof Request.PathInfo r) {
      return new ReadHandler(out, timer).pathInfo(r);
    } else if (request instanceof Request.Backups r) {
      return new ReadHandler(out, timer).backups(r);
    }
    return new RestoreHandler(out, timer, caller).restore((Request.RestoreBackup) request);
  }

  /** Runs {@code work} with the plugins: kept loaded in the server, loaded and closed per command otherwise. */
  private int withPlugins(java.util.function.ToIntFunction<PluginHost> work) {
    java.util.Optional<WarmCache> warm = WarmCache.active();
    if (warm.isPresent()) {
      return work.applyAsInt(warm.get().plugins(pluginDir, timer));
    }
    try (PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir))) {
      return work.applyAsInt(plugins);
    }
  }
}
