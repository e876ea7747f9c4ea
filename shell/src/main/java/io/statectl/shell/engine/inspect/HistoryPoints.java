package io.statectl.shell.engine.inspect;

import io.statectl.events.GenerationActivated;
import io.statectl.events.GenerationCreated;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import io.statectl.kernel.profile.GenerationUnknownException;
import io.statectl.shell.engine.UsageException;
import java.time.Instant;

/** Resolves a {@link HistoryPoint} to the log sequence it stands for. */
public final class HistoryPoints {
  private HistoryPoints() {}

  /** A resolved point: the last event included, and when it was recorded. */
  record Resolved(long sequence, Instant at) {}

  static Resolved resolve(EventLog log, HistoryPoint point, String profile) {
    long last = log.lastSequence();
    if (last == 0) {
      throw new UsageException("the event log is empty: there is no history yet", "run `statectl apply` first");
    }
    long sequence;
    if (point instanceof HistoryPoint.AtEvent e) {
      if (e.sequence() > last) {
        throw new UsageException("there is no event " + e.sequence() + ": the log ends at " + last,
            "`statectl history` lists the events with their sequence numbers");
      }
      sequence = e.sequence();
    } else if (point instanceof HistoryPoint.AtGeneration g) {
      sequence = generation(log, g.number(), profile);
    } else {
      Instant time = ((HistoryPoint.AtTime) point).time();
      var after = log.firstSequenceAtOrAfter(time.plusMillis(1));
      sequence = after.isPresent() ? after.getAsLong() - 1 : last;
      if (sequence < 1) {
        throw new UsageException("nothing was recorded at or before " + time,
            "`statectl history` shows when the first event was recorded");
      }
    }
    LogRecord r = log.read(sequence).orElseThrow();
    return new Resolved(sequence, r.timestamp());
  }

  /** The first activation of generation {@code number}, else its creation. */
  private static long generation(EventLog log, int number, String profile) {
    long[] found = {0, 0}; // activated, created
    int[] lastNumber = {0};
    log.forEach(1, Long.MAX_VALUE, r -> {
      if (found[0] != 0 || !r.aggregateId().equals(profile)) {
        return;
      }
      if (r.type().equals("GenerationCreated")) {
        GenerationCreated c = (GenerationCreated) r.event();
        lastNumber[0] = Math.max(lastNumber[0], c.number());
        if (c.number() == number) {
          found[1] = r.sequence();
        }
      } else if (r.type().equals("GenerationActivated") && ((GenerationActivated) r.event()).number() == number) {
        found[0] = r.sequence();
      }
    });
    if (found[0] == 0 && found[1] == 0) {
      throw new GenerationUnknownException(profile, number, lastNumber[0]);
    }
    return found[0] != 0 ? found[0] : found[1];
  }
}
