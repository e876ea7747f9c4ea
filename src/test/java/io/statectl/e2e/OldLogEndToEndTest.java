package io.statectl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.events.log.EventLog;
import io.statectl.events.log.NewEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory whose log an older statectl wrote is read through the upcasters; one that a
 * newer statectl wrote is refused with a clear message, and nothing is changed.
 */
class OldLogEndToEndTest {
  @TempDir Path tmp;

  Statectl withFixtureLog() throws Exception {
    Path events = Files.createDirectories(tmp.resolve("state/events"));
    Files.copy(Statectl.REPO.resolve("events/src/test/resources/io/statectl/events/fixtures/log-filebackedup-v1/data.mdb"),
        events.resolve("data.mdb"));
    return new Statectl(tmp.resolve("state"));
  }

  @Test
  void logWrittenByAnOlderStatectl_loadsThroughUpcasters() throws Exception {
    Statectl statectl = withFixtureLog();
    assertTrue(statectl.run("history", "--verify").ok().out().contains("10 record(s)"));
    String history = statectl.run("history", "--json").ok().out();
    assertTrue(history.contains("\"permissions\" : \"rw-r--r--\""), history);
    assertTrue(history.contains("\"schemaVersion\" : 1"), "the stored record keeps its version: " + history);
    String backups = statectl.run("backups", "--json").ok().out();
    assertTrue(backups.contains("\"livePath\" : \"/tmp/fx/home/bin/battery\""), backups);
    assertTrue(backups.contains("\"mode\" : \"rw-r--r--\""), backups);
    String generations = statectl.run("generations").ok().out();
    assertTrue(generations.startsWith("*    1"), generations);
    assertEquals(2, generations.lines().count(), generations);
  }

  @Test
  void logWithAnEventFromANewerStatectl_failsClearly_notWithACrash() throws Exception {
    Statectl statectl = withFixtureLog();
    try (EventLog log = EventLog.open(statectl.stateDir().resolve("events"))) {
      log.append(List.of(new NewEvent("00000000-0000-0000-0000-00000000000b", "HostProvisioned", 1, Instant.now(),
          "ProfileAggregate", "system", 10, "{}".getBytes(StandardCharsets.UTF_8),
          "{\"profile\":\"system\",\"plugin\":\"acme@2.0\"}".getBytes(StandardCharsets.UTF_8))));
    }
    for (String command : List.of("history", "generations")) {
      Statectl.Result r = statectl.run(command);
      assertEquals(12, r.exit(), r.toString());
      assertTrue(r.err().contains("error[STC-E022]"), r.err());
      assertTrue(r.err().contains("event type HostProvisioned (schema 1) at sequence 11"), r.err());
      assertTrue(r.err().contains("a newer statectl wrote this log"), r.err());
      assertTrue(!r.err().contains("Exception") && !r.err().contains("STC-E999"), r.err());
    }
    assertTrue(statectl.run("history", "--verify").ok().out().contains("11 record(s)"),
        "the envelope is intact; only the type is unknown");
  }
}
