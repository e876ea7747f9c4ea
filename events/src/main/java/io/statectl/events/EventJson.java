package io.statectl.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.statectl.events.upcast.Upcasters;
import java.io.IOException;

/**
 * The JSON form of events: one configured Jackson mapper, and encode/decode of payloads by short
 * type name and schema version.
 *
 * <p>Thread-safe. The encoding is canonical (docs/spec/event-log.md): UTF-8, properties and map
 * keys sorted, dates as ISO-8601 strings. Reading ignores unknown properties so that an added
 * optional field does not need a schema bump.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = newMapper();

  private EventJson() {}

  /**
   * A new mapper configured like the one events are encoded with.
   *
   * <p>A fresh instance, because some users (Axon's {@code JacksonSerializer}) register modules on
   * the mapper they are given, and the shared one must not change under concurrent readers.
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        // Records' properties are creator properties: without this they keep declaration order.
        .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .build();
  }

  /** The canonical JSON of an event's payload, UTF-8. */
  public static byte[] encode(StatectlEvent event) {
    EventType type = EventTypes.of(event);
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new EventPayloadException(type.name(), 0, e);
    }
  }

  /**
   * Reads an event payload that was not taken from the log (no sequence to report).
   *
   * @see #decode(long, String, int, byte[])
   */
  public static StatectlEvent decode(String type, int schemaVersion, byte[] json) {
    return decode(0, type, schemaVersion, json);
  }

  /**
   * Reads the payload of the log record at {@code sequence} into its event record.
   *
   * <p>A payload stored at an older schema version is carried forward by the same upcaster chain
   * the Axon engine uses ({@link io.statectl.events.upcast.Upcasters}).
   *
   * @throws UnknownEventTypeException when a newer statectl wrote this type or version
   * @throws EventPayloadException when the JSON does not fit the record
   */
  public static StatectlEvent decode(long sequence, String type, int schemaVersion, byte[] json) {
    EventType eventType = EventTypes.require(type, schemaVersion, sequence);
    try {
      if (schemaVersion != eventType.schemaVersion()) {
        return MAPPER.treeToValue(
            Upcasters.toCurrent(eventType, schemaVersion, MAPPER.readTree(json), sequence), eventType.eventClass());
      }
      return MAPPER.readValue(json, eventType.eventClass());
    } catch (IOException | IllegalArgumentException e) {
      throw new EventPayloadException(type, sequence, e);
    }
  }
}
