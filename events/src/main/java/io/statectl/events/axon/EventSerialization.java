package io.statectl.events.axon;

import io.statectl.events.EventJson;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon serializers for statectl: Jackson configured as {@link EventJson}, so Axon writes the same
 * canonical JSON as the rest of statectl.
 *
 * <p>Use it for the global serializer and for the engine's event and snapshot serializers:
 * wherever one is left unset Axon falls back to XStream, which statectl does not ship.
 */
public final class EventSerialization {

  private EventSerialization() {}

  /**
   * A new {@link JacksonSerializer} over a fresh {@link EventJson#newMapper()} (Axon registers its
   * own modules on the mapper it is given, so it never gets the shared one).
   */
  public static JacksonSerializer jacksonSerializer() {
    return JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
  }
}
