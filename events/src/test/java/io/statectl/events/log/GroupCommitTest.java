package io.statectl.events.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.Events;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends from many threads share commits, yet each succeeds or fails on its own. */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void concurrentSingleAppends_allLand_inOneGaplessChain_andEachAggregateKeepsItsOrder() throws Exception {
    int threads = 8;
    int each = 200;
    AtomicInteger refused = new AtomicInteger();
    try (EventLog log = EventLog.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String aggregate = "profile-" + t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            log.append(List.of(NewEvent.of(Events.created(aggregate, i + 1), "Profile", i, Instant.EPOCH)));
            try { // every tenth: a stale append of an aggregate sequence already taken
              if (i % 10 == 9) {
                log.append(List.of(NewEvent.of(Events.created(aggregate, i + 1), "Profile", i, Instant.EPOCH)));
              }
            } catch (DuplicateAggregateSequenceException e) {
              refused.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertEquals(threads * each / 10, refused.get(), "every stale append was refused, and only those");
      assertEquals(threads * each, log.lastSequence());
      assertEquals(new VerifyResult.Ok(threads * each, threads * each), log.verify(1));
      for (int t = 0; t < threads; t++) {
        List<LogRecord> records = log.readAggregate("profile-" + t, 0);
        assertEquals(each, records.size());
        for (int i = 0; i < each; i++) {
          assertEquals(i, records.get(i).aggregateSequence());
        }
        assertTrue(records.get(0).sequence() < records.get(each - 1).sequence());
      }
    }
  }
}
