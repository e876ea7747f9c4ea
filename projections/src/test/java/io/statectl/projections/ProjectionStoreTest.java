package io.statectl.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.ActivationReason;
import io.statectl.events.ConfigurationEvaluated;
import io.statectl.events.DriftDetected;
import io.statectl.events.DriftItem;
import io.statectl.events.DriftKind;
import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import io.statectl.events.GenerationRestored;
import io.statectl.events.GenerationsDeleted;
import io.statectl.events.StatectlEvent;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import io.statectl.projections.generations.GenerationRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionStoreTest {
  @TempDir Path tmp;

  static List<Integer> numbers(List<GenerationRecord> gens) {
    return gens.stream().map(GenerationRecord::number).toList();
  }

  void append(EventLog log, StatectlEvent... events) {
    long seq = log.lastAggregateSequence("system").orElse(-1) + 1;
    List<NewEvent> batch = new ArrayList<>();
    for (StatectlEvent e : events) {
      batch.add(NewEvent.of(e, "ProfileAggregate", seq++, Instant.parse("2026-01-02T03:04:05Z")));
    }
    log.append(batch);
  }

  @Test
  void asOfView_seesHistoryUpToItsSequence_deletedAndRestoredGenerationsMoveBetweenLists() {
    try (EventLog log = EventLog.open(tmp.resolve("events"))) {
      append(log, new ConfigurationEvaluated("system", "h", "/s/c1", "/s/g1", 1, List.of("dotfiles@1")),
          new GenerationCreated("system", 1, "h", "/s/g1", "/s/c1"),
          new GenerationActivated("system", 1, 0, "/s/g1", ActivationReason.APPLY, "/home/u"),
          new ConfigurationEvaluated("system", "h", "/s/c2", "/s/g2", 1, List.of("dotfiles@2")),
          new GenerationCreated("system", 2, "h", "/s/g2", "/s/c2"),
          new GenerationActivated("system", 2, 1, "/s/g2", ActivationReason.APPLY, "/home/u"),
          new GenerationsDeleted("system", List.of(1)));
      try (ProjectionStore live = ProjectionStore.open(tmp.resolve("live"));
          ProjectionStore asOf3 = ProjectionStore.open(tmp.resolve("as-of-3"))) {
        assertEquals(7, live.catchUp(log));
        assertEquals(3, asOf3.catchUp(log, 3));
        assertEquals(3, asOf3.position());
        assertEquals(List.of(2), numbers(live.generations("system")));
        assertEquals(List.of(1), numbers(live.deletedGenerations("system")));
        assertEquals(List.of("dotfiles@2"), live.generation("system", 2).orElseThrow().plugins());
        assertEquals(2, live.active("system").orElseThrow().number());
        assertEquals(List.of(1), numbers(asOf3.generations("system")));
        assertEquals(1, asOf3.active("system").orElseThrow().number());
        assertEquals(List.of("dotfiles@1"), asOf3.generation("system", 1).orElseThrow().plugins());
        assertEquals(0, asOf3.catchUp(log, 3), "a view never moves past its point");

        DriftItem item = new DriftItem(DriftKind.MISSING, "/home/u/.x", "gone");
        append(log, new GenerationRestored("system", 1, "/s/g1"), new DriftDetected("system", 2, "/home/u", List.of(item)));
        assertEquals(2, live.catchUp(log));
        assertEquals(List.of(1, 2), numbers(live.generations("system")));
        assertTrue(live.deletedGenerations("system").isEmpty());
        assertEquals(List.of(item), live.drift("system").orElseThrow().items());
      }
      try (ProjectionStore rebuilt = ProjectionStore.open(tmp.resolve("rebuilt"));
          ProjectionStore live = ProjectionStore.open(tmp.resolve("live"))) {
        rebuilt.catchUp(log);
        assertEquals(live.generations("system"), rebuilt.generations("system"));
        assertEquals(live.active("system"), rebuilt.active("system"));
        assertEquals(live.drift("system"), rebuilt.drift("system"));
      }
    }
  }
}
