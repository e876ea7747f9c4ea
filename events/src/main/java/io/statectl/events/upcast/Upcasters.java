package io.statectl.events.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.EventPayloadException;
import io.statectl.events.EventType;
import java.util.List;

/**
 * The upcaster chain: every schema step of every event type, in one list. A schema bump adds its
 * step here (and its test with an old-format fixture); steps are never removed, so a log written
 * by any older statectl stays readable.
 */
public final class Upcasters {

  private static final List<PayloadUpcaster> ALL = List.of(new FileBackedUpV1ToV2(), new ActivationFailedV1ToV2());

  private Upcasters() {}

  /** Every step, in registration order. */
  public static List<PayloadUpcaster> all() {
    return ALL;
  }

  /**
   * Carries {@code payload}, stored at {@code schemaVersion}, to {@code type}'s current version.
   *
   * @param sequence the record's sequence for messages, 0 when not read from the log
   * @throws EventPayloadException when a step is missing or the payload is not a JSON object
   */
  public static JsonNode toCurrent(EventType type, int schemaVersion, JsonNode payload, long sequence) {
    if (!(payload instanceof ObjectNode)) {
      throw new EventPayloadException(type.name(), sequence,
          new IllegalArgumentException("the payload is not a JSON object"));
    }
    ObjectNode node = (ObjectNode) payload;
    for (int v = schemaVersion; v < type.schemaVersion(); v++) {
      node = step(type.name(), v, sequence).upcast(node);
    }
    return node;
  }

  private static PayloadUpcaster step(String type, int from, long sequence) {
    for (PayloadUpcaster u : ALL) {
      if (u.type().equals(type) && u.fromVersion() == from) {
        return u;
      }
    }
    throw new EventPayloadException(type, sequence,
        new IllegalStateException("no upcaster from schema " + from + " to " + (from + 1)));
  }
}
