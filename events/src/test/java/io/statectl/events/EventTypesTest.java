package io.statectl.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

class EventTypesTest {

  @Test
  void everyPermittedEventClass_isRegisteredUnderItsSimpleName() {
    Set<Class<?>> permitted = Set.of(StatectlEvent.class.getPermittedSubclasses());
    Set<Class<?>> registered =
        EventTypes.all().stream().map(EventType::eventClass).collect(Collectors.toSet());
    assertEquals(permitted, registered);
    for (EventType type : EventTypes.all()) {
      assertEquals(type.eventClass().getSimpleName(), type.name());
      assertEquals(type, EventTypes.byName(type.name()).orElseThrow());
      assertEquals(type, EventTypes.byClassName(type.eventClass().getName()).orElseThrow());
    }
  }

  @Test
  void schemaVersion_agreesWithTheRevisionAxonUpcastersMatchOn() {
    for (EventType type : EventTypes.all()) {
      Revision revision = type.eventClass().getAnnotation(Revision.class);
      assertNotNull(revision, type.name() + " needs @Revision");
      assertEquals(Integer.toString(type.schemaVersion()), revision.value(), type.name());
    }
  }

  @Test
  void require_unknownName_namesTypeSchemaAndSequenceAndSaysUpgrade() {
    var e = assertThrows(UnknownEventTypeException.class, () -> EventTypes.require("TimeTravelled", 1, 42));
    assertEquals("TimeTravelled", e.type());
    assertEquals(1, e.schemaVersion());
    assertEquals(42, e.sequence());
    assertEquals(
        "event type TimeTravelled (schema 1) at sequence 42 is unknown to this statectl: a newer"
            + " statectl wrote this log; upgrade statectl",
        e.getMessage());
  }

  @Test
  void require_newerSchemaOfKnownType_isUnknown() {
    var e = assertThrows(UnknownEventTypeException.class, () -> EventTypes.require("GenerationCreated", 2, 7));
    assertEquals(2, e.schemaVersion());
    assertTrue(e.getMessage().contains("upgrade statectl"));
  }

  @Test
  void byClassName_ofANonEvent_isEmpty() {
    assertFalse(EventTypes.byClassName(String.class.getName()).isPresent());
    assertTrue(Arrays.stream(StatectlEvent.class.getPermittedSubclasses()).allMatch(Class::isRecord));
  }
}
