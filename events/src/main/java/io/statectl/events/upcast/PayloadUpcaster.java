package io.statectl.events.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Carries one event type's payload from schema version {@link #fromVersion()} to the next, as JSON.
 *
 * <p>The one definition of a schema step: the direct read path ({@link
 * io.statectl.events.EventJson#decode}) applies it through {@link Upcasters}, and the Axon engine
 * through {@link io.statectl.events.axon.AxonUpcasters}, so both read old logs alike.
 * Implementations are stateless and thread-safe, and must not keep the node they are given.
 */
public interface PayloadUpcaster {

  /** The short type name, e.g. {@code "FileBackedUp"}. */
  String type();

  /** The schema version this step reads; it writes {@code fromVersion() + 1}. */
  int fromVersion();

  /** The payload at {@code fromVersion() + 1}; may change and return {@code payload} itself. */
  ObjectNode upcast(ObjectNode payload);
}
