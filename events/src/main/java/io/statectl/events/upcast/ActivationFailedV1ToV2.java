package io.statectl.events.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ActivationFailed} 1 → 2: the event now covers every way an activation fails (a step, a
 * crash), not only units; a schema-1 record was always a unit failure, rolled back when
 * {@code rolledBackTo} names a generation.
 */
public final class ActivationFailedV1ToV2 implements PayloadUpcaster {

  @Override
  public String type() {
    return "ActivationFailed";
  }

  @Override
  public int fromVersion() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode payload) {
    payload.put("cause", "UNITS");
    payload.put("outcome", payload.path("rolledBackTo").asInt(0) > 0 ? "ROLLED_BACK" : "LEFT_ACTIVE");
    payload.put("step", "");
    payload.put("stepsDone", -1);
    payload.put("error", "");
    return payload;
  }
}
