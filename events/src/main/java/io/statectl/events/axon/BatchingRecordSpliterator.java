package io.statectl.events.axon;

import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;

/**
 * Records of the log from a sequence on, fetched lazily in batches, each from its own short read
 * transaction; ends at the first empty batch.
 *
 * <p>Short transactions, rather than one for the whole stream, because Axon keeps tracking streams
 * open for long and an open LMDB reader pins old pages. The log has no gaps, so consecutive
 * batches join without loss.
 */
final class BatchingRecordSpliterator extends Spliterators.AbstractSpliterator<LogRecord> {

  private final EventLog log;
  private final int batchSize;
  private final Deque<LogRecord> buffer = new ArrayDeque<>();
  private long next;
  private boolean exhausted;

  BatchingRecordSpliterator(EventLog log, long fromInclusive, int batchSize) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT);
    this.log = log;
    this.next = fromInclusive;
    this.batchSize = batchSize;
  }

  @Override
  public boolean tryAdvance(Consumer<? super LogRecord> action) {
    if (buffer.isEmpty() && !exhausted) {
      buffer.addAll(log.readBatch(next, batchSize));
      exhausted = buffer.isEmpty();
    }
    LogRecord record = buffer.poll();
    if (record == null) {
      return false;
    }
    next = record.sequence() + 1;
    action.accept(record);
    return true;
  }
}
