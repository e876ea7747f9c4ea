package io.statectl.kernel.realise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DagSchedulerTest {

  private static Map<String, Set<String>> diamond() {
    Map<String, Set<String>> g = new LinkedHashMap<>();
    g.put("a", Set.of());
    g.put("b", Set.of("a"));
    g.put("c", Set.of("a"));
    g.put("d", Set.of("b", "c"));
    return g;
  }

  @Test
  void runsEachNodeOnceAfterItsDependencies() throws Exception {
    ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    Map<String, DagScheduler.Status> s = new DagScheduler<String>(2, DagScheduler.FailurePolicy.STOP)
        .run(diamond(), n -> {
          order.add(n);
          return DagScheduler.Outcome.SUCCEEDED;
        });
    assertTrue(s.values().stream().allMatch(x -> x == DagScheduler.Status.SUCCEEDED));
    List<String> o = List.copyOf(order);
    assertEquals(4, o.size());
    assertEquals("a", o.get(0));
    assertEquals("d", o.get(3));
  }

  @Test
  void independentNodesRunInParallel_upToJobs() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    AtomicInteger max = new AtomicInteger();
    AtomicInteger now = new AtomicInteger();
    new DagScheduler<String>(2, DagScheduler.FailurePolicy.STOP).run(DagScheduler.independent(List.of("x", "y", "z")),
        n -> {
          max.accumulateAndGet(now.incrementAndGet(), Math::max);
          both.countDown();
          both.await(5, TimeUnit.SECONDS); // the first two meet only if they run at once
          now.decrementAndGet();
          return DagScheduler.Outcome.SUCCEEDED;
        });
    assertEquals(2, max.get());
  }

  @Test
  void keepGoing_runsSiblingsOfAFailure_skipsItsDependents() throws Exception {
    Map<String, Set<String>> g = diamond();
    g.put("e", Set.of());
    Map<String, DagScheduler.Status> s = new DagScheduler<String>(1, DagScheduler.FailurePolicy.KEEP_GOING)
        .run(g, n -> n.equals("b") ? DagScheduler.Outcome.FAILED : DagScheduler.Outcome.SUCCEEDED);
    assertEquals(DagScheduler.Status.FAILED, s.get("b"));
    assertEquals(DagScheduler.Status.DEPENDENCY_FAILED, s.get("d"));
    assertEquals(DagScheduler.Status.SUCCEEDED, s.get("c"));
    assertEquals(DagScheduler.Status.SUCCEEDED, s.get("e"));
  }

  @Test
  void stop_startsNothingNewAfterAFailure() throws Exception {
    Map<String, DagScheduler.Status> s = new DagScheduler<String>(1, DagScheduler.FailurePolicy.STOP)
        .run(DagScheduler.independent(List.of("x", "y", "z")), n -> {
          throw new IllegalStateException("boom"); // an exception counts as a failure
        });
    assertEquals(DagScheduler.Status.FAILED, s.get("x"));
    assertEquals(DagScheduler.Status.CANCELLED, s.get("y"));
    assertEquals(DagScheduler.Status.CANCELLED, s.get("z"));
  }

  @Test
  void aCycleIsRefused() {
    Map<String, Set<String>> g = new LinkedHashMap<>();
    g.put("a", Set.of("b"));
    g.put("b", Set.of("a"));
    assertThrows(IllegalArgumentException.class, () -> new DagScheduler<String>(1, DagScheduler.FailurePolicy.STOP)
        .run(g, n -> DagScheduler.Outcome.SUCCEEDED));
  }

  @Test
  void staged_dependentsWaitForTheStageButTheSlotIsFreeBeforeIt() throws Exception {
    java.util.concurrent.CompletableFuture<DagScheduler.Outcome> aDone = new java.util.concurrent.CompletableFuture<>();
    ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    Map<String, Set<String>> g = diamond();
    g.put("e", Set.of());
    Map<String, DagScheduler.Status> s = new DagScheduler<String>(1, DagScheduler.FailurePolicy.STOP)
        .runStaged(g, n -> {
          order.add(n);
          if (n.equals("a")) {
            return aDone; // completes only once "e" ran in the slot "a" freed
          }
          if (n.equals("e")) {
            aDone.complete(DagScheduler.Outcome.SUCCEEDED);
          }
          return java.util.concurrent.CompletableFuture.completedFuture(DagScheduler.Outcome.SUCCEEDED);
        });
    assertEquals(List.of("a", "e"), List.copyOf(order).subList(0, 2));
    assertEquals("d", List.copyOf(order).get(4));
    s.values().forEach(v -> assertEquals(DagScheduler.Status.SUCCEEDED, v));
  }

  @Test
  void staged_aStageCompletedWithFailureFailsItsDependents() throws Exception {
    Map<String, DagScheduler.Status> s = new DagScheduler<String>(2, DagScheduler.FailurePolicy.KEEP_GOING)
        .runStaged(diamond(), n -> n.equals("b")
            ? java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("commit failed"))
            : java.util.concurrent.CompletableFuture.completedFuture(DagScheduler.Outcome.SUCCEEDED));
    assertEquals(DagScheduler.Status.FAILED, s.get("b"));
    assertEquals(DagScheduler.Status.DEPENDENCY_FAILED, s.get("d"));
    assertEquals(DagScheduler.Status.SUCCEEDED, s.get("c"));
  }
}
