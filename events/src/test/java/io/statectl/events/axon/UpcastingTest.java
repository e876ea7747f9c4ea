package io.statectl.events.axon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.Events;
import io.statectl.events.GenerationCreated;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upcasters see stored records as Axon types: the record's class name and schema version as revision. */
class UpcastingTest {

  @TempDir Path dir;

  /** Stands for a real v1-to-v2 upcaster: matches on class name and revision, rewrites JSON. */
  static final class RenameHost extends SingleEventUpcaster {
    static final SimpleSerializedType V1 = new SimpleSerializedType(GenerationCreated.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
      return representation.getType().equals(V1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
      return representation.upcastPayload(
          V1, JsonNode.class, node -> ((ObjectNode) node).put("host", "renamed"));
    }
  }

  @Test
  void upcasterFromTheBuilder_isAppliedToStoredRecords_onAggregateAndTrackingReads() {
    try (EventLog log = EventLog.open(dir)) {
      log.append(
          List.of(
              NewEvent.of(Events.submitted("system"), "Profile", 0, Instant.now()),
              NewEvent.of(Events.created("system", 1), "Profile", 1, Instant.now())));
      LmdbEventStorageEngine engine =
          LmdbEventStorageEngine.builder().eventLog(log).upcasterChain(new RenameHost()).build();

      GenerationCreated upcast = (GenerationCreated) engine.readEvents("system", 1).next().getPayload();
      assertEquals("renamed", upcast.host());
      assertEquals(
          List.of("laptop", "renamed"),
          engine.readEvents(null, false)
              .map(EventMessage::getPayload)
              .map(p -> p instanceof GenerationCreated c ? c.host() : "laptop")
              .toList());
    }
  }
}
