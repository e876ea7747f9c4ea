package io.statectl.events.log;

import io.statectl.events.EventLogException;

/**
 * An append named an aggregate sequence that the log already holds: the writer decided on stale
 * state (another command appended first). Nothing of the batch was written.
 */
public final class DuplicateAggregateSequenceException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final String aggregateId;
  private final long aggregateSequence;
  private final long existingSequence;

  public DuplicateAggregateSequenceException(
      String aggregateId, long aggregateSequence, long existingSequence) {
    super(
        "aggregate "
            + aggregateId
            + " already has event "
            + aggregateSequence
            + " (log sequence "
            + existingSequence
            + "): another change was recorded first; nothing was appended, retry the command");
    this.aggregateId = aggregateId;
    this.aggregateSequence = aggregateSequence;
    this.existingSequence = existingSequence;
  }

  /** The aggregate whose stream was contested. */
  public String aggregateId() {
    return aggregateId;
  }

  /** The aggregate sequence that was already taken. */
  public long aggregateSequence() {
    return aggregateSequence;
  }

  /** The global sequence of the record that holds it, or 0 when it was taken within the same batch. */
  public long existingSequence() {
    return existingSequence;
  }
}
