package io.statectl.events.axon;

import io.statectl.events.EventType;
import io.statectl.events.EventTypes;
import io.statectl.events.UnregisteredEventClassException;
import io.statectl.events.log.LogRecord;
import io.statectl.events.log.NewEvent;
import io.statectl.events.log.SnapshotRecord;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Translation between Axon's event messages and data, and the log's records.
 *
 * <p>The log names types by short name and schema version; Axon by class name and revision. The
 * revision handed to Axon is the stored schema version, so upcasters written against
 * {@code @Revision} values match old records.
 */
final class AxonRecords {

  private AxonRecords() {}

  /**
   * The log form of an Axon event. A message that is not a domain event is filed like Axon's JPA
   * engine does: under its own identifier as aggregate id, at sequence 0, with no aggregate type.
   */
  static NewEvent toNewEvent(EventMessage<?> message, Serializer serializer) {
    SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
    SerializedObject<byte[]> metadata = message.serializeMetaData(serializer, byte[].class);
    String className = payload.getType().getName();
    EventType type =
        EventTypes.byClassName(className)
            .orElseThrow(() -> new UnregisteredEventClassException(className));
    String aggregateType = "";
    String aggregateId = message.getIdentifier();
    long aggregateSequence = 0;
    if (message instanceof DomainEventMessage<?> domain) {
      aggregateType = domain.getType() == null ? "" : domain.getType();
      aggregateId = domain.getAggregateIdentifier();
      aggregateSequence = domain.getSequenceNumber();
    }
    return new NewEvent(
        message.getIdentifier(),
        type.name(),
        type.schemaVersion(),
        message.getTimestamp(),
        aggregateType,
        aggregateId,
        aggregateSequence,
        metadata.getData(),
        payload.getData());
  }

  /**
   * The Axon form of a stored record.
   *
   * @throws io.statectl.events.UnknownEventTypeException when a newer statectl wrote it
   */
  static DomainEventData<byte[]> toDomainEventData(LogRecord record) {
    EventType type = EventTypes.require(record.type(), record.schemaVersion(), record.sequence());
    return new GenericDomainEventEntry<>(
        record.aggregateType().isEmpty() ? null : record.aggregateType(),
        record.aggregateId(),
        record.aggregateSequence(),
        record.eventId(),
        record.timestamp(),
        type.eventClass().getName(),
        Integer.toString(record.schemaVersion()),
        record.payload(),
        record.metadata());
  }

  static TrackedDomainEventData<byte[]> toTrackedEventData(LogRecord record) {
    return new TrackedDomainEventData<>(
        new GlobalSequenceTrackingToken(record.sequence()), toDomainEventData(record));
  }

  static SnapshotRecord toSnapshotRecord(DomainEventMessage<?> snapshot, Serializer serializer) {
    SerializedObject<byte[]> payload = snapshot.serializePayload(serializer, byte[].class);
    SerializedObject<byte[]> metadata = snapshot.serializeMetaData(serializer, byte[].class);
    String revision = payload.getType().getRevision();
    return new SnapshotRecord(
        snapshot.getType() == null ? "" : snapshot.getType(),
        snapshot.getAggregateIdentifier(),
        snapshot.getSequenceNumber(),
        snapshot.getIdentifier(),
        snapshot.getTimestamp(),
        payload.getType().getName(),
        revision == null ? "" : revision,
        metadata.getData(),
        payload.getData());
  }

  static DomainEventData<byte[]> toDomainEventData(SnapshotRecord snapshot) {
    return new GenericDomainEventEntry<>(
        snapshot.aggregateType().isEmpty() ? null : snapshot.aggregateType(),
        snapshot.aggregateId(),
        snapshot.aggregateSequence(),
        snapshot.eventId(),
        snapshot.timestamp(),
        snapshot.payloadType(),
        snapshot.payloadRevision().isEmpty() ? null : snapshot.payloadRevision(),
        snapshot.payload(),
        snapshot.metadata());
  }
}
