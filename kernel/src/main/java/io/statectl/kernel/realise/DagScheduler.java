package io.statectl.kernel.realise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a task on every node of a directed acyclic graph, each after all of its dependencies
 * succeeded, at most {@code jobs} at a time. Knows nothing of what the nodes are.
 *
 * <p>A failed node's dependents (transitively) are not run; they end {@link
 * Status#DEPENDENCY_FAILED}. Under {@link FailurePolicy#STOP} nothing new starts after the first
 * failure (running tasks finish) and the nodes never started end {@link Status#CANCELLED}; under
 * {@link FailurePolicy#KEEP_GOING} every node that does not depend on a failure still runs.
 *
 * @param <K> node identity; {@code equals}/{@code hashCode} must be consistent
 */
public final class DagScheduler<K> {

  /** The work done for one node; an exception counts as {@link Outcome#FAILED}. */
  @FunctionalInterface
  public interface Task<K> {
    Outcome run(K node) throws Exception;
  }

  /**
   * Work whose end outlives its slot: {@code run} holds one of the {@code jobs} slots while it
   * runs; the node's outcome is the stage it returns, which may complete later, on any thread
   * (say, after a group commit), and only then are its dependents released. An exception, or a
   * stage completed exceptionally, counts as {@link Outcome#FAILED}.
   */
  @FunctionalInterface
  public interface StagedTask<K> {
    CompletionStage<Outcome> run(K node) throws Exception;
  }

  /** What a task reports. */
  public enum Outcome { SUCCEEDED, FAILED }

  /** What happens to the rest of the graph after a failure. */
  public enum FailurePolicy { STOP, KEEP_GOING }

  /** How each node ended. */
  public enum Status { SUCCEEDED, FAILED, DEPENDENCY_FAILED, CANCELLED }

  private final int jobs;
  private final FailurePolicy policy;

  public DagScheduler(int jobs, FailurePolicy policy) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
    }
    this.jobs = jobs;
    this.policy = policy;
  }

  /**
   * Runs {@code task} over the graph whose nodes are the keys of {@code dependencies}, each mapped
   * to the nodes it depends on (every one of which must be a key). Returns each node's status, in
   * the iteration order of {@code dependencies}.
   *
   * @throws IllegalArgumentException if a dependency is not a node or the graph has a cycle
   * @throws InterruptedException if interrupted; running tasks are interrupted too
   */
  public Map<K, Status> run(Map<K, ? extends Set<K>> dependencies, Task<K> task) throws InterruptedException {
    return runStaged(dependencies, node -> CompletableFuture.completedFuture(task.run(node)));
  }

  /**
   * As {@link #run}, for tasks whose outcome completes after their slot is free: at most {@code
   * jobs} {@link StagedTask#run}s at a time, any number of stages pending. Returns when every
   * started node's stage has completed.
   */
  public Map<K, Status> runStaged(Map<K, ? extends Set<K>> dependencies, StagedTask<K> task)
      throws InterruptedException {
    Map<K, Integer> waiting = new HashMap<>();
    Map<K, List<K>> dependents = new HashMap<>();
    Deque<K> ready = new ArrayDeque<>();
    for (Map.Entry<K, ? extends Set<K>> e : dependencies.entrySet()) {
      for (K dep : e.getValue()) {
        if (!dependencies.containsKey(dep)) {
          throw new IllegalArgumentException(e.getKey() + " depends on " + dep + ", which is not in the graph");
        }
        dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(e.getKey());
      }
      waiting.put(e.getKey(), e.getValue().size());
      if (e.getValue().isEmpty()) {
        ready.add(e.getKey());
      }
    }
    Map<K, Status> status = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, dependencies.size())), r -> {
      Thread t = new Thread(r, "build");
      t.setDaemon(true);
      return t;
    });
    // Both a slot coming free (null outcome) and a node's end (its outcome) arrive here.
    BlockingQueue<Signal<K>> signals = new LinkedBlockingQueue<>();
    int running = 0;
    int pending = 0;
    boolean stopping = false;
    try {
      while (true) {
        while (!stopping && running < jobs && !ready.isEmpty()) {
          K node = ready.poll();
          pool.execute(() -> {
            CompletionStage<Outcome> stage;
            try {
              stage = task.run(node);
            } catch (Exception e) {
              stage = CompletableFuture.completedFuture(Outcome.FAILED);
            } catch (Error e) {
              signals.add(new Signal<>(node, true, null, e));
              return;
            }
            CompletableFuture<Outcome> f = stage.toCompletableFuture();
            if (f.isDone()) { // the common case of a plain task: slot and outcome in one signal
              signals.add(new Signal<>(node, true, outcomeOf(f), null));
              return;
            }
            signals.add(new Signal<>(node, true, null, null));
            f.whenComplete((o, failure) -> signals.add(new Signal<>(node, false, outcomeOf(f), null)));
          });
          running++;
          pending++;
        }
        if (pending == 0) {
          break;
        }
        Signal<K> signal = signals.take();
        if (signal.error() != null) {
          throw new IllegalStateException("a build task failed unexpectedly", signal.error());
        }
        if (signal.slotFreed()) {
          running--;
        }
        if (signal.outcome() == null) {
          continue;
        }
        pending--;
        K node = signal.node();
        if (signal.outcome() == Outcome.SUCCEEDED) {
          status.put(node, Status.SUCCEEDED);
          for (K d : dependents.getOrDefault(node, List.of())) {
            if (waiting.merge(d, -1, Integer::sum) == 0 && !status.containsKey(d)) {
              ready.add(d);
            }
          }
        } else {
          status.put(node, Status.FAILED);
          markDependents(node, dependents, status);
          if (policy == FailurePolicy.STOP) {
            stopping = true;
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Map<K, Status> ordered = new LinkedHashMap<>();
    for (K node : dependencies.keySet()) {
      Status s = status.get(node);
      if (s == null) {
        if (!stopping && waiting.get(node) > 0) {
          throw new IllegalArgumentException("the graph has a cycle through " + node);
        }
        s = Status.CANCELLED;
      }
      ordered.put(node, s);
    }
    return Collections.unmodifiableMap(ordered);
  }

  /** A slot came free, or a node ended (its outcome), or both; {@code error} if its task threw an Error. */
  private record Signal<K>(K node, boolean slotFreed, Outcome outcome, Throwable error) {}

  private static Outcome outcomeOf(CompletableFuture<Outcome> done) {
    try {
      Outcome o = done.getNow(null);
      return o == null ? Outcome.FAILED : o;
    } catch (RuntimeException e) {
      return Outcome.FAILED;
    }
  }

  private static <K> void markDependents(K failed, Map<K, List<K>> dependents, Map<K, Status> status) {
    Deque<K> pending = new ArrayDeque<>(dependents.getOrDefault(failed, List.of()));
    while (!pending.isEmpty()) {
      K d = pending.pop();
      if (status.putIfAbsent(d, Status.DEPENDENCY_FAILED) == null) {
        pending.addAll(dependents.getOrDefault(d, List.of()));
      }
    }
  }

  /** A convenience for tests and callers with nothing to depend on. */
  static <K> Map<K, Set<K>> independent(List<K> nodes) {
    Map<K, Set<K>> m = new LinkedHashMap<>();
    nodes.forEach(n -> m.put(n, Set.of()));
    return m;
  }
}
