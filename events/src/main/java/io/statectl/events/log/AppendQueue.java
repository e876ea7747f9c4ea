package io.statectl.events.log;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit for {@link EventLog#append}: appends that arrive while a commit is in progress wait,
 * and the next leader commits all of them in one transaction, with one fsync. Each append still
 * succeeds or fails on its own and is durable when it returns; a lone caller pays exactly what a
 * plain transaction costs.
 *
 * <p>Leader/follower: the caller that finds no commit running becomes the leader, takes every
 * queued batch (its own included), commits them, hands out the results and steps down; a waiting
 * caller whose batch is still queued then leads the next group.
 */
final class AppendQueue {

  /** One caller's batch and, once committed, its records or its failure. */
  private static final class Pending {
    final List<NewEvent> batch;
    Object result;
    boolean done;

    Pending(List<NewEvent> batch) {
      this.batch = batch;
    }
  }

  private final Function<List<List<NewEvent>>, List<Object>> commitGroup;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private boolean leading;

  /**
   * @param commitGroup commits the batches in one transaction and returns, per batch, its {@code
   *     List<LogRecord>} or the {@link RuntimeException} that refused it
   */
  AppendQueue(Function<List<List<NewEvent>>, List<Object>> commitGroup) {
    this.commitGroup = commitGroup;
  }

  @SuppressWarnings("unchecked")
  List<LogRecord> append(List<NewEvent> batch) {
    Pending me = new Pending(batch);
    boolean interrupted = false;
    synchronized (this) {
      queue.add(me);
      while (leading && !me.done) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the batch may already be in a commit: keep waiting for its outcome
        }
      }
      if (!me.done) {
        leading = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (!me.done) {
      lead();
    }
    if (me.result instanceof RuntimeException e) {
      throw e;
    }
    return (List<LogRecord>) me.result;
  }

  private void lead() {
    List<Pending> group;
    synchronized (this) {
      group = new ArrayList<>(queue);
      queue.clear();
    }
    List<Object> results;
    try {
      results = commitGroup.apply(group.stream().map(p -> p.batch).toList());
    } catch (RuntimeException e) {
      results = java.util.Collections.nCopies(group.size(), e);
    } catch (Error e) {
      synchronized (this) {
        group.forEach(p -> {
          p.result = new IllegalStateException("the commit of this append failed", e);
          p.done = true;
        });
        leading = false;
        notifyAll();
      }
      throw e;
    }
    synchronized (this) {
      for (int i = 0; i < group.size(); i++) {
        group.get(i).result = results.get(i);
        group.get(i).done = true;
      }
      leading = false;
      notifyAll();
    }
  }
}
