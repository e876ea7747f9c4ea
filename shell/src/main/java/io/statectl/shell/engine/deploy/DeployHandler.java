package io.statectl.shell.engine.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.DeployCompleted;
import io.statectl.events.DeployFailed;
import io.statectl.events.DeployStarted;
import io.statectl.events.StatectlEvent;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Caller;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.apply.ApplyHandler;
import io.statectl.shell.engine.eval.ConfigEvaluation;
import io.statectl.shell.engine.session.StateSession;
import io.statectl.shell.engine.session.WaitTimeout;
import io.statectl.shell.engine.session.WriterLock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code statectl deploy}: evaluate every selected node's host (all problems before any ssh),
 * build them here under the writer lock, then deploy the nodes in parallel ({@link NodeDeploy}),
 * recording DeployStarted and DeployCompleted/DeployFailed per node, and print the fleet summary.
 */
public final class DeployHandler {
  private static final String AGGREGATE_TYPE = "Deploy";

  private final Output out;
  private final PhaseTimer timer;
  private final Caller caller;
  private final WaitTimeout wait;
  private final Map<String, String> env;

  /** @param env the user's environment, handed to ssh */
  public DeployHandler(Output out, PhaseTimer timer, Caller caller, WaitTimeout wait, Map<String, String> env) {
    this.out = out;
    this.timer = timer;
    this.caller = caller;
    this.wait = wait;
    this.env = env;
  }

  public int deploy(Request.Deploy r, ModuleRegistry modules) {
    Path config = ConfigEvaluation.directory(r.config());
    Map<String, DeployNode> declared = DeployNodes.read(config);
    List<DeployNode> nodes = select(declared, r.nodes());
    for (DeployNode n : nodes) {
      if (n.stateDir().isPresent() && !n.stateDir().get().normalize().equals(r.state().root())) {
        throw DeployException.stateDirMismatch(n.name(), n.stateDir().get(), r.state().root());
      }
    }
    Map<String, Evaluation.Success> hosts = new LinkedHashMap<>();
    for (DeployNode n : nodes) {
      hosts.computeIfAbsent(n.host(), h -> ConfigEvaluation.success(ConfigEvaluation.evaluate(modules, config, h,
          Optional.empty(), timer)));
    }
    Map<String, ApplyHandler.BuiltProfiles> built = new LinkedHashMap<>();
    try (StateSession session = openBuild(r, config, hosts, built)) {
      if (r.mode() == Request.Mode.DRY_RUN) {
        for (DeployNode n : nodes) {
          out.result(n.name() + ": host " + n.host() + " to " + n.destination() + ", closure of "
              + closure(session, built.get(n.host())).size() + " path(s) (dry run: nothing sent)");
        }
        return 0;
      }
      List<NodeResult> results = run(r, session, nodes, built, hosts);
      summary(r.format(), results);
      long bad = results.stream().filter(x -> x.outcome() == NodeResult.Outcome.FAILED
          || x.outcome() == NodeResult.Outcome.REVERTED).count();
      if (bad > 0) {
        DeployException e = DeployException.fleet((int) bad, results.size());
        out.message("error[" + e.code().id() + "]: " + e.getMessage());
        return e.code().exitCode();
      }
      return 0;
    }
  }

  /**
   * Builds every host under the writer lock into {@code built} and returns the session, still open,
   * to stream the closures from.
   */
  private StateSession openBuild(Request.Deploy r, Path config, Map<String, Evaluation.Success> hosts,
      Map<String, ApplyHandler.BuiltProfiles> built) {
    StateSession session = new StateSession(r.state(), timer, StateSession.Access.WRITE);
    try (WriterLock lock = timer.time("writer lock",
        () -> WriterLock.acquire(r.state().writerLock(), out, caller, wait, "building for deploy"))) {
      for (var h : hosts.entrySet()) {
        out.message("building host " + h.getKey());
        built.put(h.getKey(), new ApplyHandler(out, timer, caller, wait).buildOnly(session, h.getValue(), config));
      }
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static List<DeployNode> select(Map<String, DeployNode> declared, List<String> wanted) {
    if (declared.isEmpty()) {
      throw DeployException.unknownNode(wanted.isEmpty() ? "" : wanted.get(0), List.of());
    }
    if (wanted.isEmpty()) {
      return new ArrayList<>(declared.values());
    }
    List<DeployNode> nodes = new ArrayList<>();
    for (String w : wanted) {
      DeployNode n = declared.get(w);
      if (n == null) {
        throw DeployException.unknownNode(w, declared.keySet());
      }
      if (!nodes.contains(n)) {
        nodes.add(n);
      }
    }
    return nodes;
  }

  private static TreeSet<StorePath> closure(StateSession session, ApplyHandler.BuiltProfiles b) {
    TreeSet<StorePath> all = new TreeSet<>(session.store().closure(b.snapshot()));
    b.generations().values().forEach(g -> all.addAll(session.store().closure(g)));
    return all;
  }

  private List<NodeResult> run(Request.Deploy r, StateSession session, List<DeployNode> nodes,
      Map<String, ApplyHandler.BuiltProfiles> built, Map<String, Evaluation.Success> hosts) {
    Ssh ssh = new Ssh(env);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(r.jobs(), nodes.size()), t -> {
      Thread th = new Thread(t, "statectl-deploy");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<NodeResult>> futures = new ArrayList<>();
      for (DeployNode n : nodes) {
        ApplyHandler.BuiltProfiles b = built.get(n.host());
        TreeSet<StorePath> closure = closure(session, b);
        futures.add(pool.submit(() -> {
          record(session.log(), new DeployStarted("deploy:" + n.name(), n.name(), n.host(), n.destination()));
          NodeResult result = new NodeDeploy(n, r.state().root(), ssh, out, r.backups()).run(session.store(), closure, b,
              hosts.get(n.host()));
          record(session.log(), result.error().isPresent() && result.outcome() == NodeResult.Outcome.FAILED
              ? new DeployFailed("deploy:" + n.name(), n.name(), result.error().get().stage(), result.error().get().code(),
                  result.error().get().message())
              : new DeployCompleted("deploy:" + n.name(), n.name(), result.word(), result.generation(), result.previous(),
                  result.paths(), result.bytes(), result.millis()));
          return result;
        }));
      }
      List<NodeResult> results = new ArrayList<>();
      for (Future<NodeResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deploying", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a node's deploy failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void record(EventLog log, StatectlEvent e) {
    long next = log.lastAggregateSequence(e.profile()).stream().map(s -> s + 1).findFirst().orElse(0L);
    log.append(List.of(NewEvent.of(e, AGGREGATE_TYPE, next, Instant.now())));
  }

  private void summary(Request.Format format, List<NodeResult> results) {
    if (format == Request.Format.JSON) {
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = json.createObjectNode();
      ArrayNode list = root.putArray("nodes");
      for (NodeResult x : results) {
        ObjectNode n = list.addObject().put("node", x.node()).put("host", x.host()).put("result", x.word())
            .put("previous", x.previous()).put("generation", x.generation()).put("pathsCopied", x.paths())
            .put("bytes", x.bytes()).put("millis", x.millis());
        x.error().ifPresent(e -> n.put("code", e.code()).put("stage", e.stage()).put("error", e.message()));
      }
      out.result(root.toString());
      return;
    }
    int width = Math.max(4, results.stream().mapToInt(x -> x.node().length()).max().orElse(4));
    out.result(String.format("%-" + width + "s  %-9s  %-10s  %6s  %10s  %8s", "NODE", "RESULT", "GENERATION", "PATHS",
        "BYTES", "TIME"));
    for (NodeResult x : results) {
      String gen = x.outcome() == NodeResult.Outcome.FAILED ? "-"
          : x.previous() == 0 || x.previous() == x.generation() ? Integer.toString(x.generation())
          : x.previous() + " → " + x.generation();
      out.result(String.format("%-" + width + "s  %-9s  %-10s  %6d  %10d  %7.1fs", x.node(), x.word(), gen, x.paths(),
          x.bytes(), x.millis() / 1000.0));
    }
  }
}
