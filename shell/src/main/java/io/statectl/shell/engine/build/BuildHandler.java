package io.statectl.shell.engine.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.gc.GcRootLinks;
import io.statectl.kernel.realise.BuildFailedException;
import io.statectl.kernel.realise.BuildListener;
import io.statectl.kernel.realise.CheckResult;
import io.statectl.kernel.realise.DagScheduler;
import io.statectl.kernel.realise.RealiseResult;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.eval.ConfigEvaluation;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WriterLock;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code statectl build}: evaluate the host's configuration, store the packages' derivations
 * under the writer lock, then realise them without it (each output under its own lock, so two
 * processes building one DAG build every output once), and print each package's output path.
 */
public final class BuildHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;

  public BuildHandler(Output out, PhaseTimer timer, Caller caller) {
    this.caller = caller;
    this.out = out;
    this.timer = timer;
  }

  public int build(Request.Build r, ModuleRegistry modules) {
    r.substitutes().check(); // a bad flag stops the command before anything is evaluated
    Path config = ConfigEvaluation.directory(r.config());
    Evaluation.Success success = ConfigEvaluation.success(
        ConfigEvaluation.evaluate(modules, config, r.host(), r.platform(), timer, r.state(), out));
    try (StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE)) {
      PackageBuilds builds = new PackageBuilds(session, out, timer).substitutes(r.substitutes());
      Map<String, StorePath> drvs;
      try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller)) {
        session.store().removeLeftovers();
        drvs = builds.instantiate(success, config, r.packages());
      }
      if (drvs.isEmpty()) {
        out.result("nothing to build: host " + success.host() + " declares no packages for " + success.platform().id());
        return 0;
      }
      RealiseResult result;
      try {
        result = builds.realise(drvs.values(), r.jobs(), r.failures() == Request.Failures.KEEP_GOING
            ? DagScheduler.FailurePolicy.KEEP_GOING : DagScheduler.FailurePolicy.STOP, r.format());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      printOutputs(session, builds, drvs, result, r.format());
      if (!result.failures().isEmpty()) {
        throw new BuildFailedException(result.failures());
      }
      if (r.outLink().isPresent()) {
        outLinks(session, builds, drvs, r);
      }
      if (r.check() == Request.Verification.REBUILD_AND_COMPARE) {
        return check(session, builds, drvs, r.format());
      }
      return 0;
    }
  }

  /**
   * Points {@code result}, {@code result-2}, … at the packages' outputs and registers each as an
   * indirect root, under the writer lock and while this build's temp roots still hold the outputs.
   */
  private void outLinks(StateSession session, PackageBuilds builds, Map<String, StorePath> drvs, Request.Build r) {
    Path first = r.outLink().orElseThrow();
    GcRootLinks links = new GcRootLinks(session.directory().gcRoots(), session.store());
    try (WriterLock lock = WriterLock.acquire(r.state().writerLock(), out, caller)) {
      int i = 0;
      StringBuilder made = new StringBuilder();
      for (StorePath drv : drvs.values()) {
        Path link = i == 0 ? first : first.resolveSibling(first.getFileName() + "-" + (i + 1));
        i++;
        links.addOutLink(link, builds.instantiator().get(drv).out());
        made.append(made.length() == 0 ? "" : ", ").append(link);
      }
      if (r.format() == Request.Format.TEXT) {
        out.message("out-link" + (i == 1 ? " " : "s ") + made + " (GC root" + (i == 1 ? "" : "s")
            + " until removed; --no-out-link skips)");
      }
    }
  }

  private void printOutputs(StateSession session, PackageBuilds builds, Map<String, StorePath> drvs,
      RealiseResult result, Request.Format format) {
    ObjectMapper json = new ObjectMapper();
    // One write for all lines: a server sends each write to the client as a frame of its own.
    StringBuilder lines = new StringBuilder();
    drvs.forEach((name, drv) -> {
      StorePath outPath = builds.instantiator().get(drv).out();
      boolean ok = session.store().isValid(outPath);
      if (format == Request.Format.JSON) {
        ObjectNode n = json.createObjectNode().put("event", "result").put("package", name)
            .put("drv", session.store().toFile(drv).toString()).put("out", session.store().toFile(outPath).toString())
            .put("valid", ok);
        lines.append(n).append('\n');
      } else if (ok) {
        lines.append(name).append(' ').append(session.store().toFile(outPath)).append('\n');
      }
    });
    if (lines.length() > 0) {
      lines.setLength(lines.length() - 1);
      out.result(lines.toString());
    }
    if (format == Request.Format.TEXT && result.failures().isEmpty()) {
      out.message(result.built() == 0 ? "nothing to build: every output is already in the store"
          : "built " + result.built() + " derivation(s)");
    }
  }

  private int check(StateSession session, PackageBuilds builds, Map<String, StorePath> drvs, Request.Format format) {
    int failures = 0;
    for (Map.Entry<String, StorePath> e : drvs.entrySet()) {
      CheckResult c;
      try {
        c = builds.realiser(BuildListener.NONE).check(e.getValue());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", ex);
      } catch (IllegalStateException ex) {
        throw new UsageException("cannot check " + e.getKey() + ": " + ex.getMessage(),
            "install bubblewrap, or build without --check");
      }
      String outPath = session.store().toFile(c.output()).toString();
      if (format == Request.Format.JSON) {
        ObjectNode n = new ObjectMapper().createObjectNode().put("event", "checked").put("package", e.getKey())
            .put("out", outPath).put("deterministic", c.deterministic());
        c.difference().ifPresent(d -> n.put("difference", d));
        out.result(n.toString());
      } else if (c.deterministic()) {
        out.message("check " + e.getKey() + ": rebuilt identically (" + outPath + ")");
      } else {
        out.message("check " + e.getKey() + ": NOT deterministic: the rebuild differs from " + outPath + " at "
            + c.difference().orElseThrow());
      }
      if (!c.deterministic()) {
        failures++;
      }
    }
    if (failures > 0) {
      out.message("error[" + ErrorCode.NOT_DETERMINISTIC.id() + "]: " + failures
          + " package(s) did not rebuild identically\n  hint: remove time stamps, random data and build paths "
          + "from the output (SOURCE_DATE_EPOCH is set for tools that honour it)");
      return ErrorCode.NOT_DETERMINISTIC.exitCode();
    }
    return 0;
  }
}
