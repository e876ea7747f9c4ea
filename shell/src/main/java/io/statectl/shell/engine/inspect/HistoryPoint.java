package io.statectl.shell.engine.inspect;

import java.time.Instant;
import java.util.Objects;

/** A point of history: after an event, at a generation's activation, or at a time. A closed family. */
public sealed interface HistoryPoint {

  /** Just after event {@code sequence}. */
  record AtEvent(long sequence) implements HistoryPoint {
    public AtEvent {
      if (sequence < 1) {
        throw new IllegalArgumentException("event sequences start at 1: " + sequence);
      }
    }
  }

  /** Just after generation {@code number} was first activated (or created, if it never was). */
  record AtGeneration(int number) implements HistoryPoint {
    public AtGeneration {
      if (number < 1) {
        throw new IllegalArgumentException("generation numbers start at 1: " + number);
      }
    }
  }

  /** After every event recorded at or before {@code time}. */
  record AtTime(Instant time) implements HistoryPoint {
    public AtTime {
      Objects.requireNonNull(time, "time");
    }
  }
}
