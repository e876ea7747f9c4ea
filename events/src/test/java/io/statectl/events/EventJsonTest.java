package io.statectl.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  @Test
  void encode_isCanonical_sortedKeysNoWhitespace() {
    String json = new String(EventJson.encode(Events.activated("system", 3)), StandardCharsets.UTF_8);
    assertEquals(
        "{\"home\":\"/home/u\",\"number\":3,\"previous\":2,\"profile\":\"system\",\"reason\":\"APPLY\","
            + "\"storePath\":\"/statectl/store/bbbb-gen\"}",
        json);
  }

  @Test
  void encode_listsStayInOrder() {
    String json = new String(EventJson.encode(Events.evaluated("system")), StandardCharsets.UTF_8);
    assertEquals(
        "{\"entries\":12,\"generationPath\":\"/statectl/store/bbbb-gen\",\"host\":\"laptop\","
            + "\"plugins\":[\"dotfiles@1.0.0\",\"services@1.0.0\"],\"profile\":\"system\","
            + "\"snapshotPath\":\"/statectl/store/aaaa-config\"}",
        json);
  }

  @Test
  void decode_ofEncode_givesTheEventBack_forEveryKind() {
    for (StatectlEvent event : Events.oneOfEach("home-u")) {
      EventType type = EventTypes.of(event);
      assertEquals(event, EventJson.decode(type.name(), type.schemaVersion(), EventJson.encode(event)));
    }
  }

  @Test
  void decode_ignoresPropertiesItDoesNotKnow() {
    byte[] json =
        ("{\"profile\":\"system\",\"host\":\"h\",\"snapshotPath\":\"/s\",\"configDir\":\"/c\","
                + "\"addedLater\":true}")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new ConfigurationSubmitted("system", "h", "/s", "/c"),
        EventJson.decode("ConfigurationSubmitted", 1, json));
  }

  @Test
  void decode_unknownType_throwsTyped() {
    assertThrows(
        UnknownEventTypeException.class, () -> EventJson.decode(9, "Teleported", 1, new byte[] {'{', '}'}));
  }

  @Test
  void decode_payloadThatBreaksTheRecord_throwsTypedWithSequence() {
    byte[] json = "{\"profile\":\"system\",\"number\":0}".getBytes(StandardCharsets.UTF_8);
    var e = assertThrows(EventPayloadException.class, () -> EventJson.decode(5, "GenerationCreated", 1, json));
    assertEquals(5, e.sequence());
    assertEquals("GenerationCreated", e.type());
  }
}
