package io.statectl.events.upcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.statectl.events.ActivationFailed;
import io.statectl.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schema-1 ActivationFailed (units only, as the services work wrote it) reads as schema 2. */
class ActivationFailedV1ToV2Test {

  @Test
  void aV1UnitFailure_readsAsUnits_withItsOutcomeFromRolledBackTo() {
    byte[] v1 = "{\"profile\":\"system\",\"number\":2,\"failedUnits\":[\"bad.service\"],\"rolledBackTo\":1}"
        .getBytes(StandardCharsets.UTF_8);
    ActivationFailed f = assertInstanceOf(ActivationFailed.class, EventJson.decode("ActivationFailed", 1, v1));
    assertEquals(ActivationFailed.units("system", 2, List.of("bad.service"), 1), f);
    assertEquals(ActivationFailed.ROLLED_BACK, f.outcome());

    byte[] stayed = "{\"profile\":\"system\",\"number\":3,\"failedUnits\":[\"x.service\"],\"rolledBackTo\":0}"
        .getBytes(StandardCharsets.UTF_8);
    ActivationFailed s = (ActivationFailed) EventJson.decode("ActivationFailed", 1, stayed);
    assertEquals(ActivationFailed.UNITS, s.cause());
    assertEquals(ActivationFailed.LEFT_ACTIVE, s.outcome());
    assertEquals(-1, s.stepsDone());
  }
}
