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

  public Engine(Path pluginDir, Output out, PhaseTimer timer) {
    this.pluginDir = pluginDir;
    this.out = out;
    this.timer = timer;
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
      if (System.getenv("STATECTL_TRACE") != null) {
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
      try (PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir))) {
        return new ApplyHandler(out, timer).apply(r, plugins);
      }
    } else if (request instanceof Request.Options r) {
      try (PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir))) {
        return new OptionsHandler(out, timer).options(r, plugins);
      }
    } else if (request instanceof Request.Eval r) {
      try (PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir))) {
        return new OptionsHandler(out, timer).eval(r, plugins);
      }
    } else if (request instanceof Request.Check r) {
      try (PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir))) {
        return new OptionsHandler(out, timer).check(r, plugins);
      }
    } else if (request instanceof Request.Activate r) {
      return new ActivateHandler(out, timer).activate(r);
    } else if (request instanceof Request.Generations r) {
      return new ReadHandler(out, timer).generations(r);
    } else if (request instanceof Request.History r) {
      return new ReadHandler(out, timer).history(r);
    } else if (request instanceof Request.Verify r) {
      return new ReadHandler(out, timer).verify(r);
    } else if (request instanceof Request.PathInfo r) {
      return new ReadHandler(out, timer).pathInfo(r);
    } else if (request instanceof Request.Build r) {
      try (PluginHost plugins = timer.time("pf4j load plugins", () -> PluginHost.load(pluginDir))) {
        return new BuildHandler(out, timer).build(r, plugins);
      }
    } else if (request instanceof Request.Log r) {
      return new StoreQueries(out, timer).log(r);
    } else if (request instanceof Request.WhyDepends r) {
      return new StoreQueries(out, timer).whyDepends(r);
    } else if (request instanceof Request.ClosureSize r) {
      return new StoreQueries(out, timer).closureSize(r);
    } else if (request instanceof Request.Backups r) {
      return new ReadHandler(out, timer).backups(r);
    }
    return new RestoreHandler(out, timer).restore((Request.RestoreBackup) request);
  }
}
