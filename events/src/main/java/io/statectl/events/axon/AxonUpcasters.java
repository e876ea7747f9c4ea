package io.statectl.events.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.EventTypes;
import io.statectl.events.upcast.PayloadUpcaster;
import io.statectl.events.upcast.Upcasters;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * statectl's {@link Upcasters} as an Axon {@link EventUpcasterChain}: each step becomes a
 * {@link SingleEventUpcaster} matching the event class name and the stored revision (the schema
 * version), so Axon and the direct read path carry old records forward with the same code.
 */
public final class AxonUpcasters {

  private AxonUpcasters() {}

  /** The whole chain, for {@link LmdbEventStorageEngine.Builder#upcasterChain}. */
  public static EventUpcasterChain chain() {
    List<EventUpcaster> steps = Upcasters.all().stream().<EventUpcaster>map(Step::new).toList();
    return new EventUpcasterChain(steps);
  }

  /** One schema step as an Axon upcaster. */
  static final class Step extends SingleEventUpcaster {
    private final PayloadUpcaster upcaster;
    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    Step(PayloadUpcaster upcaster) {
      this.upcaster = upcaster;
      String className = EventTypes.byName(upcaster.type())
          .orElseThrow(() -> new IllegalStateException("upcaster for unregistered type " + upcaster.type()))
          .eventClass().getName();
      this.from = new SimpleSerializedType(className, Integer.toString(upcaster.fromVersion()));
      this.to = new SimpleSerializedType(className, Integer.toString(upcaster.fromVersion() + 1));
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
      return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
      return representation.upcastPayload(to, JsonNode.class, node -> upcaster.upcast((ObjectNode) node));
    }
  }
}
