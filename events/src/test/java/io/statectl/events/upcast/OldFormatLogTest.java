package io.statectl.events.upcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.EventJson;
import io.statectl.events.FileBackedUp;
import io.statectl.events.StatectlEvent;
import io.statectl.events.UnknownEventTypeException;
import io.statectl.events.axon.LmdbEventStorageEngine;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.LogRecord;
import io.statectl.events.log.NewEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log written by an older statectl (the fixture {@code log-filebackedup-v1}: FileBackedUp at
 * schema 1, whose permission bits were called {@code mode}) loads through the upcaster chain, on
 * the direct read path and through Axon alike; a type from a newer statectl fails clearly.
 */
class OldFormatLogTest {
  static final String FIXTURE = "/io/statectl/events/fixtures/log-filebackedup-v1/data.mdb";

  @TempDir Path dir;

  Path fixture() throws IOException {
    try (InputStream in = OldFormatLogTest.class.getResourceAsStream(FIXTURE)) {
      Files.copy(in, dir.resolve("data.mdb"));
    }
    return dir;
  }

  @Test
  void fixtureLog_isIntact_andReadsEveryEvent_withSchema1BackupUpcast() throws IOException {
    try (EventLog log = EventLog.open(fixture())) {
      assertTrue(log.verify(1).isOk());
      List<StatectlEvent> events = new ArrayList<>();
      log.forEach(1, log.lastSequence(), r -> events.add(r.event()));
      assertEquals(10, events.size());
      LogRecord stored = log.read(8).orElseThrow();
      assertEquals("FileBackedUp", stored.type());
      assertEquals(1, stored.schemaVersion(), "the fixture really is schema 1");
      assertTrue(new String(stored.payload(), StandardCharsets.UTF_8).contains("\"mode\":\"rw-r--r--\""));
      FileBackedUp backup = assertInstanceOf(FileBackedUp.class, events.get(7));
      assertEquals("rw-r--r--", backup.permissions());
      assertEquals("/tmp/fx/home/bin/battery", backup.livePath());
    }
  }

  @Test
  void fixtureLog_readThroughAxon_upcastsTheSameWay() throws IOException {
    try (EventLog log = EventLog.open(fixture())) {
      LmdbEventStorageEngine engine = LmdbEventStorageEngine.builder().eventLog(log).build();
      List<Object> payloads = engine.readEvents("system", 0).asStream().map(EventMessage::getPayload)
          .map(Object.class::cast).toList();
      assertEquals(10, payloads.size());
      FileBackedUp backup = assertInstanceOf(FileBackedUp.class, payloads.get(7));
      assertEquals("rw-r--r--", backup.permissions());
      assertEquals(payloads, engine.readEvents(null, false).map(EventMessage::getPayload).toList());
    }
  }

  @Test
  void directDecode_ofSchema1Payload_equalsAxonsUpcast() {
    byte[] v1 = "{\"livePath\":\"/h/x\",\"mode\":\"rwxr-xr-x\",\"profile\":\"system\",\"storePath\":\"/s/y\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(new FileBackedUp("system", "/h/x", "/s/y", "rwxr-xr-x"), EventJson.decode("FileBackedUp", 1, v1));
  }

  @Test
  void recordFromANewerStatectl_failsWithUpgradeMessage_afterTheEventsBeforeIt() {
    try (EventLog log = EventLog.open(dir)) {
      log.append(List.of(new NewEvent("e1", "HostProvisioned", 1, Instant.EPOCH, "Profile", "system", 0,
              "{}".getBytes(StandardCharsets.UTF_8), "{\"profile\":\"system\"}".getBytes(StandardCharsets.UTF_8)),
          new NewEvent("e2", "FileBackedUp", 9, Instant.EPOCH, "Profile", "system", 1,
              "{}".getBytes(StandardCharsets.UTF_8), "{\"profile\":\"system\"}".getBytes(StandardCharsets.UTF_8))));
      UnknownEventTypeException e = assertThrows(UnknownEventTypeException.class, () -> log.read(1).orElseThrow().event());
      assertTrue(e.getMessage().contains("a newer statectl wrote this log"), e.getMessage());
      UnknownEventTypeException v9 = assertThrows(UnknownEventTypeException.class, () -> log.read(2).orElseThrow().event());
      assertEquals(9, v9.schemaVersion());
      LmdbEventStorageEngine engine = LmdbEventStorageEngine.builder().eventLog(log).build();
      assertThrows(UnknownEventTypeException.class, () -> engine.readEvents("system", 0).asStream().toList());
    }
  }
}
